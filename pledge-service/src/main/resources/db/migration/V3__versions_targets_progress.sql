-- Charter versions: a version only adds pledges, so a signature of an earlier version stays valid. The charter row
-- keeps the latest version number; each pledge says the version that introduced it.
create table charter_version (
    charter_id    varchar(80)  not null references charter (id),
    version       integer      not null,
    published_on  date         not null,
    summary       text         not null,
    created_at    timestamptz  not null,
    primary key (charter_id, version)
);
insert into charter_version (charter_id, version, published_on, summary, created_at)
select id, version, published_on, 'The charter as adopted', now() from charter;

alter table charter_pledge add column introduced_in_version integer not null default 1;

-- What progress is measured in. source says where figures come from: SPEND_EVENTS (automatic for anchors, from
-- spend-service's batches), FRAMEWORK_EVENTS (contract delivery, once procurement reports it), THREE_SIXTY_GIVING
-- (grants imported as 360Giving data) or MANUAL (the signatory's own reports). A metric with tiered = true is
-- measured against one of the network's locality tiers.
create table pledge_metric (
    code          varchar(60)  primary key,
    title         varchar(200) not null,
    unit          varchar(20)  not null,
    source        varchar(30)  not null,
    tiered        boolean      not null,
    description   text         not null,
    position      integer      not null
);
insert into pledge_metric (code, title, unit, source, tiered, description, position) values
  ('local-spend-share', 'Local spend share', 'PERCENT', 'SPEND_EVENTS', true,
   'Share of the organisation''s spend paid to suppliers based or branched in the tier, per financial year. Automatic for anchors, from each spend batch spend-service stores; other signatories report it.', 1),
  ('social-value-delivered-gbp', 'Social value delivered', 'GBP', 'FRAMEWORK_EVENTS', false,
   'Social value delivered on contracts, valued through the network''s framework, per financial year.', 2),
  ('real-living-wage-employees-pct', 'Employees paid at least the real Living Wage', 'PERCENT', 'MANUAL', false,
   'Share of employees (including subcontracted on-site staff) paid at least the Living Wage Foundation''s rate.', 3),
  ('volunteering-hours', 'Volunteering hours', 'HOURS', 'MANUAL', false,
   'Hours employees volunteered with local voluntary and community organisations.', 4),
  ('local-donations-gbp', 'Local donations and grants', 'GBP', 'THREE_SIXTY_GIVING', true,
   'Grants and donations whose beneficiary location or recipient lies in the tier, per financial year of award. Imported as 360Giving data or reported.', 5);

alter table signatory add column charter_version integer not null default 1;
alter table signatory add column left_on date;
alter table signatory add column leaving_reason varchar(500);
-- Private: for the network's charter team only; never on the register or in events.
alter table signatory add column contact_email varchar(200);

alter table commitment add column status varchar(20) not null default 'PLEDGED';
alter table commitment add column planned_actions varchar(500)[] not null default '{}';
alter table commitment add column verified_on date;
alter table commitment add column verification_note varchar(1000);
alter table commitment add column last_progress_on date;
alter table commitment add column lapsed_since date;
alter table commitment add column updated_at timestamptz not null default now();

create table commitment_target (
    id               bigint generated always as identity primary key,
    commitment_id    uuid          not null references commitment (id),
    metric_code      varchar(60)   not null references pledge_metric (code),
    tier             varchar(40),
    baseline         numeric(18,2),
    baseline_period  varchar(12),
    target           numeric(18,2) not null,
    deadline         date          not null,
    position         integer       not null,
    unique nulls not distinct (commitment_id, metric_code, tier)
);

-- One figure per commitment, metric, tier, period and source: a report sent again for the same period replaces
-- the earlier one (a correction), so retries and automatic recalculations store it once.
create table progress_report (
    id               uuid          primary key,
    commitment_id    uuid          not null references commitment (id),
    -- A narrative report (e.g. for "keep your eyes & ears open") has no metric and no value.
    metric_code      varchar(60)   references pledge_metric (code),
    tier             varchar(40),
    period           varchar(12)   not null,
    value            numeric(18,2),
    source           varchar(30)   not null,
    evidence_links   varchar(1000)[] not null default '{}',
    note             varchar(2000),
    reported_on      date          not null,
    reported_at      timestamptz   not null,
    -- Private: the token subject that reported it (a person, in the authorization code flow).
    reported_by      varchar(200)  not null,
    unique nulls not distinct (commitment_id, metric_code, tier, period, source)
);
create index progress_report_latest on progress_report (commitment_id, reported_at desc);

-- Spend batches an anchor stored, as spend-service announced them (spend.batch-ingested.v1). Each counts in the
-- financial year of its last payment date.
create table anchor_spend_batch (
    batch_id                 uuid          primary key,
    anchor_organisation_id   varchar(80)   not null,
    financial_year           varchar(7)    not null,
    period_from              date          not null,
    period_to                date          not null,
    payment_count            integer       not null,
    total_amount             numeric(18,2) not null,
    unknown_location_amount  numeric(18,2) not null,
    event_id                 varchar(200)  not null,
    received_at              timestamptz   not null
);
create index anchor_spend_batch_year on anchor_spend_batch (anchor_organisation_id, financial_year);

create table anchor_spend_batch_tier (
    batch_id      uuid          not null references anchor_spend_batch (batch_id),
    tier          varchar(40)   not null,
    tier_version  integer       not null,
    local_amount  numeric(18,2) not null,
    primary key (batch_id, tier)
);

-- Grants a signatory gave, imported as 360Giving data; keyed by the grant's own identifier, so importing a file
-- again stores nothing twice. tiers: the locality tiers in force (at import) that contain the grant's location.
create table giving_grant (
    signatory_id         uuid          not null references signatory (id),
    grant_id             varchar(200)  not null,
    title                varchar(500),
    amount               numeric(18,2) not null,
    currency             varchar(3)    not null,
    award_date           date          not null,
    financial_year       varchar(7)    not null,
    recipient_org_id     varchar(200),
    recipient_name       varchar(500),
    recipient_postcode   varchar(12),
    location_source      varchar(30)   not null,
    area_code            varchar(9),
    tiers                varchar(40)[] not null default '{}',
    imported_at          timestamptz   not null,
    primary key (signatory_id, grant_id)
);
