create table payment (
    id                   uuid           primary key,
    anchor_org_id        varchar(80)    not null,
    payment_date         date           not null,
    amount               numeric(14, 2) not null,
    supplier_name        varchar(300)   not null,
    supplier_org_id      varchar(80),
    supplier_reference   varchar(100),
    description          varchar(500),
    transaction_ref      varchar(100)   not null,
    batch_id             uuid           not null,
    created_at           timestamptz    not null,
    -- A payment resent with the same transaction reference is stored once.
    unique (anchor_org_id, transaction_ref)
);
create index payment_anchor_date on payment (anchor_org_id, payment_date);

create table supplier (
    organisation_id       varchar(80)  primary key,
    name                  varchar(300) not null,
    charter_signatory     boolean      not null default false,
    signatory_charter_id  varchar(80),
    signatory_since       date,
    updated_at            timestamptz  not null
);
