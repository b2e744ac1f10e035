-- Where suppliers are: full postcode to local authority district (loaded from an ONS-style postcode file, see
-- GeographyLoader), districts to their region and combined authority, and the network's named, versioned tiers.
create table postcode_lookup (
    postcode   varchar(8) primary key,   -- normalised: upper case, one space before the inward code ("DL1 5QT")
    lad_code   varchar(9) not null
);

-- A postcode district (outward code) names its authority only when every postcode in it lies in one authority;
-- DL2 (Darlington, County Durham, North Yorkshire) and even DL1 (eight postcodes in County Durham) do not.
create table postcode_district (
    outward_code    varchar(4) primary key,
    lad_code        varchar(9),              -- null when the district is split
    postcode_count  integer    not null,
    authorities     integer    not null
);

create table local_authority (
    lad_code                 varchar(9)   primary key,
    name                     varchar(120) not null,
    region_code              varchar(9),
    combined_authority_code  varchar(9)
);

-- What was loaded from where, so a restart reloads only what changed.
create table geography_source (
    kind         varchar(20)  not null,
    location     varchar(500) not null,
    fingerprint  varchar(100) not null,
    row_count    bigint       not null,
    loaded_at    timestamptz  not null,
    primary key (kind, location)
);

-- A tier is a named set of areas (districts, regions or combined authorities, as GSS codes); a new version
-- replaces the definition from its effective date, and analyses say which version they used.
create table locality_tier (
    name            varchar(40)  not null,
    version         integer      not null,
    label           varchar(200) not null,
    area_codes      varchar(9)[] not null,
    effective_from  date         not null,
    created_at      timestamptz  not null,
    primary key (name, version)
);

insert into locality_tier (name, version, label, area_codes, effective_from, created_at) values
    ('darlington', 1, 'Darlington', array['E06000005'], date '2015-04-01', now()),
    ('tees-valley', 1, 'Tees Valley (Hartlepool, Middlesbrough, Redcar and Cleveland, Stockton-on-Tees, Darlington)',
        array['E06000001', 'E06000002', 'E06000003', 'E06000004', 'E06000005'], date '2015-04-01', now()),
    ('north-east', 1, 'North East region', array['E12000001'], date '2015-04-01', now());
