-- Leakage lists read the suppliers paid most in a category and year (decision 0010): per financial year, category,
-- locality and supplier, without the anchor, walked in order of spend. Kept like every cube.
create table spend_cube_leakage (
    financial_year    date           not null,
    category_code     varchar(40)    not null,
    locality          integer        not null,
    supplier_id       uuid           not null,
    influenceable     boolean        not null,
    payment_count     bigint         not null,
    amount            numeric(18, 2) not null,
    sme_amount        numeric(18, 2) not null,
    vcse_amount       numeric(18, 2) not null,
    signatory_amount  numeric(18, 2) not null,
    primary key (financial_year, category_code, locality, supplier_id, influenceable)
);
create index spend_cube_leakage_largest on spend_cube_leakage (financial_year, category_code, amount desc);

insert into spend_cube_leakage
select financial_year, category_code, locality, supplier_id, influenceable, sum(payment_count), sum(amount),
    sum(sme_amount), sum(vcse_amount), sum(signatory_amount)
from spend_cube_supplier_year group by 1, 2, 3, 4, 5;

-- Which anchors pay a supplier (the privacy threshold), and an anchor's own suppliers.
create index spend_cube_supplier_year_supplier on spend_cube_supplier_year (supplier_id, financial_year);
create index spend_cube_supplier_year_anchor on spend_cube_supplier_year (anchor_org_id, financial_year, category_code);
