create table charter (
    id            varchar(80)  primary key,
    version       integer      not null,
    title         varchar(200) not null,
    description   text,
    published_on  date         not null
);

create table charter_pledge (
    id            bigint generated always as identity primary key,
    charter_id    varchar(80)  not null references charter (id),
    code          varchar(80)  not null,
    title         varchar(200) not null,
    description   text         not null,
    position      integer      not null,
    unique (charter_id, code)
);

create table signatory (
    id                 uuid         primary key,
    charter_id         varchar(80)  not null references charter (id),
    organisation_id    varchar(80)  not null,
    organisation_name  varchar(200) not null,
    signatory_type     varchar(30)  not null,
    joined_on          date         not null,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    unique (charter_id, organisation_id)
);

create table commitment (
    id            uuid         primary key,
    signatory_id  uuid         not null references signatory (id),
    pledge_code   varchar(80)  not null,
    committed_on  date         not null,
    unique (signatory_id, pledge_code)
);
