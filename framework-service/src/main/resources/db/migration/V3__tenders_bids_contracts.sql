-- Social value in procurement (issue 8): an anchor's tenders, the bids portals and bidders submit, their
-- evaluation, and the contract whose KPIs are the winning bid's commitments.
create table tender (
    id                        uuid          primary key,
    anchor_org_id             varchar(80)   not null,
    reference                 varchar(100)  not null,
    title                     varchar(300)  not null,
    framework_id              varchar(80)   not null,
    framework_version         integer       not null,
    measure_codes             varchar(40)[] not null,
    social_value_weighting    numeric(5,2)  not null check (social_value_weighting > 0 and social_value_weighting <= 100),
    scoring_method            varchar(30)   not null check (scoring_method in ('RELATIVE_VALUE', 'RELATIVE_PERCENT', 'FIXED_BANDS')),
    -- FIXED_BANDS: [{"fromPercent":5,"scorePercent":50}, ...]
    bands                     jsonb,
    minimum_social_value      numeric(18,2),
    minimum_social_value_pct  numeric(5,2),
    closing_at                timestamptz   not null,
    status                    varchar(20)   not null check (status in ('OPEN', 'CLOSED', 'EVALUATED', 'AWARDED', 'CANCELLED')),
    created_by_org_id         varchar(80)   not null,
    created_at                timestamptz   not null,
    updated_at                timestamptz   not null,
    unique (anchor_org_id, reference)
);
create index tender_anchor on tender (anchor_org_id, created_at);

-- One row per submission; the latest submission of a bidder is its bid. (tender, bidder, submission id) is the
-- natural key that makes a portal's retries harmless.
create table bid (
    id                 uuid          primary key,
    tender_id          uuid          not null references tender (id),
    bidder_org_id      varchar(80)   not null,
    bidder_name        varchar(200)  not null,
    submission_id      varchar(100)  not null,
    bid_price          numeric(18,2) not null check (bid_price > 0),
    commitments        jsonb         not null,
    submitted_by_org_id varchar(80)  not null,
    submitted_at       timestamptz   not null,
    superseded         boolean       not null default false,
    unique (tender_id, bidder_org_id, submission_id)
);
create index bid_tender on bid (tender_id, bidder_org_id) where not superseded;

-- The evaluation, kept as it was computed (scores, ranks and the explanation of every line).
create table tender_evaluation (
    tender_id     uuid         primary key references tender (id),
    evaluated_at  timestamptz  not null,
    evaluated_by_org_id varchar(80) not null,
    result        jsonb        not null
);

create table contract (
    id                 uuid          primary key,
    tender_id          uuid          not null unique references tender (id),
    bid_id             uuid          not null references bid (id),
    anchor_org_id      varchar(80)   not null,
    supplier_org_id    varchar(80)   not null,
    supplier_name      varchar(200)  not null,
    framework_id       varchar(80)   not null,
    framework_version  integer       not null,
    contract_value     numeric(18,2) not null,
    starts_on          date          not null,
    ends_on            date          not null,
    awarded_at         timestamptz   not null
);
create index contract_supplier on contract (supplier_org_id);
create index contract_anchor on contract (anchor_org_id);

-- A KPI per committed measure, valued with the proxy value of the version pinned at award, so delivered value
-- stays comparable with what was committed.
create table contract_kpi (
    id                  bigint generated always as identity primary key,
    contract_id         uuid          not null references contract (id),
    measure_code        varchar(40)   not null,
    measure_title       varchar(300)  not null,
    unit                varchar(60)   not null,
    theme               varchar(40)   not null,
    committed_quantity  numeric(18,4) not null,
    proxy_value         numeric(18,2),
    committed_value     numeric(18,2),
    due_on              date          not null,
    timescale           varchar(200),
    unique (contract_id, measure_code)
);
