create table framework (
    id                     varchar(80)  primary key,
    name                   varchar(200) not null,
    owner_org_id           varchar(80)  not null,
    family                 varchar(20)  not null,
    description            text,
    licence                varchar(500),
    provenance             text,
    created_by_org_id      varchar(80)  not null,
    created_at             timestamptz  not null,
    updated_at             timestamptz  not null
);
create index framework_updated_at on framework (updated_at);
