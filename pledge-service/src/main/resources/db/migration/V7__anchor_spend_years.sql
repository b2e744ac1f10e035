-- Issue 15, item 12. An anchor's financial years as spend-service last reported them in a batch event: its positive
-- spend (payments net of credit notes per supplier, month and expense type; a net credit counts as nothing) and the
-- part local to each tier. The local spend share is local over positive spend, so it cannot exceed 100%. Each batch
-- event replaces the years it reports. Older events without these figures still count through anchor_spend_batch.
create table anchor_spend_year (
    anchor_organisation_id  varchar(80)   not null,
    financial_year          varchar(7)    not null,
    positive_amount         numeric(18,2) not null,
    batch_id                uuid          not null,
    received_at             timestamptz   not null,
    primary key (anchor_organisation_id, financial_year)
);

create table anchor_spend_year_tier (
    anchor_organisation_id  varchar(80)   not null,
    financial_year          varchar(7)    not null,
    tier                    varchar(40)   not null,
    tier_version            integer       not null,
    local_amount            numeric(18,2) not null,
    primary key (anchor_organisation_id, financial_year, tier),
    foreign key (anchor_organisation_id, financial_year) references anchor_spend_year on delete cascade
);
