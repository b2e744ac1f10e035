-- Social value delivered on contracts, as framework-service announces it (framework.delivery-reported.v1): the
-- latest report per contract and quarter (a correction replaces it), kept to count towards the supplier's own charter
-- commitments with a social-value-delivered-gbp target, per financial year.
create table supplier_delivery (
    contract_id      uuid          not null,
    period           varchar(12)   not null,
    supplier_org_id  varchar(80)   not null,
    financial_year   varchar(7)    not null,
    delivered_value  numeric(18,2) not null,
    event_id         varchar(200)  not null,
    received_at      timestamptz   not null,
    primary key (contract_id, period)
);
create index supplier_delivery_year on supplier_delivery (supplier_org_id, financial_year);
