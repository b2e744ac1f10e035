-- A framework's versions. The catalogue (themes, outcomes, measures, targets) is one JSON document per version:
-- it is always read, written, published, exported and valued whole, and a published version never changes
-- (decision 0006). Status and dates stay columns, for listing and filtering.
create table framework_version (
    id                     bigint generated always as identity primary key,
    framework_id           varchar(80)  not null references framework (id),
    number                 integer      not null check (number > 0),
    status                 varchar(20)  not null check (status in ('DRAFT', 'PUBLISHED', 'RETIRED')),
    document               jsonb        not null,
    created_at             timestamptz  not null,
    updated_at             timestamptz  not null,
    published_at           timestamptz,
    retired_at             timestamptz,
    unique (framework_id, number)
);
create index framework_version_updated_at on framework_version (updated_at);
