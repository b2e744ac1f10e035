-- Awards and contracts that e-tendering portals publish as OCDS release packages (POST /api/v1/ocds/release-packages),
-- giving contract-level context beside the payments: who was awarded what, by which buyer, for how much and when.

-- Every release received, so that sending the same package again counts each release as a duplicate.
-- OCDS makes a release's id unique within its contracting process (ocid).
create table ocds_release (
    anchor_org_id  varchar(80)  not null,
    ocid           varchar(200) not null,
    release_id     varchar(200) not null,
    batch_id       uuid         not null references ingest_batch (id),
    release_date   timestamptz,
    received_at    timestamptz  not null,
    primary key (anchor_org_id, ocid, release_id)
);

-- One award of a contracting process, stored once per anchor: a later release of the same award (awardUpdate)
-- is counted as a duplicate and changes nothing.
create table contract_award (
    id               uuid          primary key,
    anchor_org_id    varchar(80)   not null,
    batch_id         uuid          not null references ingest_batch (id),
    ocid             varchar(200)  not null,
    release_id       varchar(200)  not null,
    award_id         varchar(200)  not null,
    title            varchar(1000),
    status           varchar(20),
    award_date       date,
    value_amount     numeric(16, 2),
    currency         varchar(3),
    buyer_party_id   varchar(200),
    buyer_name       varchar(500),
    contract_start   date,
    contract_end     date,
    created_at       timestamptz   not null,
    constraint contract_award_once unique (anchor_org_id, ocid, award_id)
);
create index contract_award_newest on contract_award (anchor_org_id, created_at desc, id desc);

-- The suppliers of an award, as the release's parties describe them.
create table contract_award_supplier (
    award_id           uuid         not null references contract_award (id) on delete cascade,
    party_id           varchar(200) not null,
    name               varchar(500),
    identifier_scheme  varchar(40),
    identifier_id      varchar(200),
    legal_name         varchar(500),
    street_address     varchar(500),
    locality           varchar(200),
    -- Upper case with single spaces ("DL1 5QT"), so it joins postcode lookups.
    postal_code        varchar(20),
    country_name       varchar(100),
    primary key (award_id, party_id)
);
create index contract_award_supplier_identifier on contract_award_supplier (identifier_scheme, identifier_id);

-- A contract signed on an award (contracts[] of a release, linked by awardID).
create table award_contract (
    id              uuid           primary key,
    award_id        uuid           not null references contract_award (id) on delete cascade,
    batch_id        uuid           not null references ingest_batch (id),
    contract_id     varchar(200)   not null,
    title           varchar(1000),
    status          varchar(20),
    value_amount    numeric(16, 2),
    currency        varchar(3),
    period_start    date,
    period_end      date,
    date_signed     date,
    created_at      timestamptz    not null,
    constraint award_contract_once unique (award_id, contract_id)
);
