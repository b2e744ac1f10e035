-- Issue 15. Three changes that the cubes are rebuilt from the rollup for (at the next start, spend_cube_state.built).
--
-- 1. Redacted payees are never matched to a supplier, by any route (decision 0009). Payments that an earlier version
--    matched by the anchor's reference or an identifier are unmatched here, their rollup rows moved to the rollup's
--    no-supplier key, and a check keeps it so.
update payment set supplier_id = null, match_method = null where redacted and supplier_id is not null;

insert into spend_rollup (anchor_org_id, month, supplier_id, expense_type, redacted, payment_count, amount)
select anchor_org_id, month, '00000000-0000-0000-0000-000000000000', expense_type, true, sum(payment_count), sum(amount)
from spend_rollup where redacted and supplier_id <> '00000000-0000-0000-0000-000000000000'
group by anchor_org_id, month, expense_type
on conflict (anchor_org_id, month, supplier_id, expense_type, redacted) do update set
    payment_count = spend_rollup.payment_count + excluded.payment_count,
    amount = spend_rollup.amount + excluded.amount;
delete from spend_rollup where redacted and supplier_id <> '00000000-0000-0000-0000-000000000000';

alter table payment add constraint payment_redacted_payee_unmatched check (not redacted or supplier_id is null);

-- 2. Positive spend: each rollup row's amount where it is positive (a supplier's payments in a month and expense type
--    net of its credit notes; a net credit counts as nothing), summed like the other measures. Shares are of it, so
--    no share exceeds 100%.
-- 3. Supplier atoms (decision 0010, SupplierAtoms): per supplier kind, payments to identified suppliers and their
--    payment-weighted hashes and squared hashes, so that an answer can tell whether a figure comes from one supplier.
do $$
declare
    cube text;
    kind integer;
begin
    foreach cube in array array['spend_cube_month', 'spend_cube_category', 'spend_cube_supplier_kind', 'spend_cube_area',
                                'spend_cube_leakage', 'spend_cube_supplier_year'] loop
        execute format('alter table %I add column positive_amount numeric(18, 2) not null default 0, '
            || 'add column positive_sme_amount numeric(18, 2) not null default 0, '
            || 'add column positive_vcse_amount numeric(18, 2) not null default 0, '
            || 'add column positive_signatory_amount numeric(18, 2) not null default 0', cube);
        if cube <> 'spend_cube_leakage' then
            for kind in 0..7 loop
                execute format('alter table %I add column kind%s_payments bigint, add column kind%s_hash bigint, '
                    || 'add column kind%s_hash_sq bigint', cube, kind, kind, kind);
            end loop;
        end if;
    end loop;
end $$;

update spend_cube_state set built = false, built_at = null where id = 1;
