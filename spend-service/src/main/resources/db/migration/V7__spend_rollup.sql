-- Spend rolled up as payments are stored (never recomputed): per anchor, month, supplier (the zero uuid for payments
-- matched to no supplier, including redacted payees), expense type ('' when none) and redaction. Network analyses
-- read these rows instead of the payments; locality joins the suppliers' current sites at query time, so a vendor
-- master that places a supplier changes the answers without touching the rollup.
create table spend_rollup (
    anchor_org_id  varchar(80)    not null,
    month          date           not null,
    supplier_id    uuid           not null,
    expense_type   varchar(200)   not null,
    redacted       boolean        not null,
    payment_count  bigint         not null,
    amount         numeric(18, 2) not null,
    primary key (anchor_org_id, month, supplier_id, expense_type, redacted)
);

insert into spend_rollup (anchor_org_id, month, supplier_id, expense_type, redacted, payment_count, amount)
select anchor_org_id, date_trunc('month', payment_date)::date, coalesce(supplier_id, '00000000-0000-0000-0000-000000000000'),
    coalesce(expense_type, ''), redacted, count(*), sum(amount)
from payment group by 1, 2, 3, 4, 5;
