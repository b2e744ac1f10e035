-- Local Multiplier 3 (NEF, "The Money Trail", 2002): what suppliers and staff re-spend locally.

-- A supplier's answers for a financial year (its first day): the shares of its income it spends on staff who live
-- locally and with local suppliers.
create table lm3_supplier_survey (
    supplier_id           uuid          not null references supplier (id) on delete cascade,
    financial_year        date          not null,
    staff_local_share     numeric(5, 2) not null check (staff_local_share between 0 and 100),
    supplier_local_share  numeric(5, 2) not null check (supplier_local_share between 0 and 100),
    responded_on          date,
    note                  varchar(1000),
    recorded_by_org_id    varchar(80)   not null,
    recorded_at           timestamptz   not null,
    primary key (supplier_id, financial_year),
    check (staff_local_share + supplier_local_share <= 100)
);

-- An anchor's own workforce for a financial year: its payroll (part of R1), the share paid to staff living locally
-- (R2) and, from its staff survey, the share of their pay those staff spend locally (R3).
create table lm3_workforce (
    anchor_org_id             varchar(80)    not null,
    financial_year            date           not null,
    payroll                   numeric(18, 2) not null check (payroll >= 0),
    local_resident_share      numeric(5, 2)  not null check (local_resident_share between 0 and 100),
    staff_local_respend_share numeric(5, 2)  check (staff_local_respend_share between 0 and 100),
    recorded_at               timestamptz    not null,
    primary key (anchor_org_id, financial_year)
);

-- The network's default re-spend rates for the modelled mode; the starting values are NEF's Northumberland findings
-- (local suppliers re-spent 76% of their income locally, non-local ones 36%) and a staff rate the network should set.
create table lm3_default_rates (
    id                       integer       primary key check (id = 1),
    local_supplier_rate      numeric(5, 2) not null check (local_supplier_rate between 0 and 100),
    non_local_supplier_rate  numeric(5, 2) not null check (non_local_supplier_rate between 0 and 100),
    staff_rate               numeric(5, 2) not null check (staff_rate between 0 and 100),
    source                   varchar(500)  not null,
    updated_at               timestamptz   not null
);
insert into lm3_default_rates values (1, 76.00, 36.00, 50.00,
    'NEF with Northumberland County Council (2005): local suppliers re-spent 76% locally, non-local 36%; staff rate illustrative',
    now());
