-- Delivery of contracts' social value KPIs: one report per contract and financial quarter (a later one for the same
-- quarter replaces it), and the quarters the overdue check found unreported.
create table delivery_report (
    id                  uuid          primary key,
    contract_id         uuid          not null references contract (id),
    period              varchar(12)   not null,
    lines               jsonb         not null,
    delivered_value     numeric(18,2) not null,
    note                varchar(2000),
    reported_by_org_id  varchar(80)   not null,
    reported_at         timestamptz   not null,
    unique (contract_id, period)
);

create table delivery_overdue (
    contract_id  uuid         not null references contract (id),
    period       varchar(12)  not null,
    due_on       date         not null,
    flagged_at   timestamptz  not null,
    primary key (contract_id, period)
);
