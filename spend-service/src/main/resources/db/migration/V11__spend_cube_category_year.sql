-- Per financial year, category and locality: payments, spend and how many suppliers with payments (decision 0010).
-- Kept with the leakage cube from the rows it upserts (the suppliers from the rows that become non-empty or empty),
-- so a leakage list's totals and "how many local suppliers the network already pays" are a few rows read.
create table spend_cube_category_year (
    financial_year  date           not null,
    category_code   varchar(40)    not null,
    locality        integer        not null,
    influenceable   boolean        not null,
    suppliers       bigint         not null,
    payment_count   bigint         not null,
    amount          numeric(18, 2) not null,
    primary key (financial_year, category_code, locality, influenceable)
);
insert into spend_cube_category_year
select financial_year, category_code, locality, influenceable,
    count(*) filter (where payment_count <> 0 and supplier_id <> '00000000-0000-0000-0000-000000000000'),
    sum(payment_count), sum(amount)
from spend_cube_leakage group by 1, 2, 3, 4;

-- Who pays a listed supplier in a category and year, read from the index alone.
drop index spend_cube_supplier_year_supplier;
create index spend_cube_supplier_year_supplier on spend_cube_supplier_year (supplier_id, financial_year, category_code)
    include (anchor_org_id, payment_count);

-- The suppliers paid most in a category, year and locality: a leakage list walks one branch per non-local locality.
drop index spend_cube_leakage_largest;
create index spend_cube_leakage_largest on spend_cube_leakage (financial_year, category_code, locality, amount desc);
