-- Every way in (JSON, CSV upload, OCDS) is a batch with a status, counts and row-level errors.
--
-- A payment is stored once per anchor and row key. For the JSON API the key is the anchor's transaction reference
-- and line ('t:' prefix). Spend files rarely carry a unique reference (Darlington's 2017 file gives order 0 to a
-- third of its rows), so a file row's key is a fingerprint of its parsed values plus its occurrence among identical
-- rows of the same file ('h:' prefix): sending the same file again, or an overlapping one, stores nothing twice.
alter table payment add column row_key varchar(220);
update payment set row_key = 't:' || transaction_ref || case when transaction_line = '' then '' else '#' || transaction_line end;
alter table payment alter column row_key set not null;
alter table payment drop constraint payment_transaction_line_once;
alter table payment add constraint payment_row_once unique (anchor_org_id, row_key);
-- Files that give only a month (a period column, or "Mar-17" above the header) date their payments to the
-- month's last day, marked MONTH.
alter table payment add column date_precision varchar(5) not null default 'DAY' check (date_precision in ('DAY', 'MONTH'));

create table ingest_batch (
    id                   uuid           primary key,
    anchor_org_id        varchar(80)    not null,
    -- The organisation that sent it: the anchor itself, or a portal acting for it.
    submitted_by_org_id  varchar(80)    not null,
    channel              varchar(10)    not null check (channel in ('JSON', 'CSV', 'OCDS')),
    file_name            varchar(255),
    mode                 varchar(20)    not null check (mode in ('ALL_OR_NOTHING', 'ACCEPT_VALID')),
    status               varchar(20)    not null check (status in ('ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED')),
    rows_read            bigint         not null,
    rows_accepted        bigint         not null,
    rows_rejected        bigint         not null,
    rows_duplicate       bigint         not null,
    amount_accepted      numeric(18, 2) not null,
    first_payment_date   date,
    last_payment_date    date,
    encoding             varchar(40),
    header_row           bigint,
    mapping              jsonb,
    errors_recorded      integer        not null,
    received_at          timestamptz    not null,
    completed_at         timestamptz    not null
);
create index ingest_batch_anchor on ingest_batch (anchor_org_id, received_at desc);
create index ingest_batch_submitter on ingest_batch (submitted_by_org_id, received_at desc);

create table ingest_batch_error (
    batch_id       uuid         not null references ingest_batch (id) on delete cascade,
    seq            integer      not null,
    source_row     bigint,
    source_column  integer,
    pointer        varchar(200),
    code           varchar(60)  not null,
    message        varchar(500) not null,
    primary key (batch_id, seq)
);

-- A publisher's column layout, saved once and named on later uploads.
create table column_mapping (
    anchor_org_id  varchar(80) not null,
    name           varchar(60) not null,
    definition     jsonb       not null,
    updated_at     timestamptz not null,
    primary key (anchor_org_id, name)
);
