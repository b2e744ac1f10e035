-- Network-wide spend analysis (decision 0010). The payments' rollup (spend_rollup, V7) is projected into small
-- cubes that answer the network's questions without reading payments: each cube row holds counts and sums for one
-- combination of its dimensions, kept equal to the rollup rows it covers in the same statements that change them.
-- What a rollup row contributes depends on its supplier (where, what size, VCSE, signatory), its expense type's
-- network category and the tiers in force; the cubes reflect the *stored* copies of those below, and SpendCubes
-- moves a supplier's or an expense type's rows from its old copy to its new one whenever they change.

-- The anchors whose spend the network analyses, with their type (anchors not listed get a type from their id).
create table anchor (
    org_id       varchar(80)  primary key,
    name         varchar(300) not null,
    anchor_type  varchar(20)  not null check (anchor_type in ('LOCAL_AUTHORITY', 'NHS', 'EDUCATION', 'POLICE',
                                                              'HOUSING', 'VCSE', 'BUSINESS', 'OTHER')),
    updated_at   timestamptz  not null
);

-- The network's spend categories, and whether procurement can influence where their spend goes (CLES).
create table spend_category (
    code           varchar(40)  primary key,
    label          varchar(200) not null,
    influenceable  boolean      not null,
    position       integer      not null
);

-- Rules giving an anchor's expense type its category: the first rule (by position) whose pattern matches.
create table category_rule (
    position       integer      primary key,
    pattern        varchar(200) not null,
    category_code  varchar(40)  not null references spend_category (code)
);

-- The category each expense type (as anchors write it, '' for none) has in the cubes.
create table expense_category (
    expense_type   varchar(200) primary key,
    category_code  varchar(40)  not null,
    influenceable  boolean      not null
);

-- Each tier's bit in a cube's locality mask (a supplier local to tiers 0 and 2 has locality 5; -1 is unknown).
create table locality_tier_bit (
    name  varchar(40) primary key,
    bit   smallint    not null unique check (bit between 0 and 30)
);
insert into locality_tier_bit (name, bit)
select name, row_number() over (order by min(created_at), name) - 1 from locality_tier group by name;

-- What the cubes hold of each supplier: its district (registered office, else its first located site), size, VCSE
-- and charter status. Suppliers without a row, and payments without a supplier, count as unknown.
create table supplier_profile (
    supplier_id  uuid        primary key,
    lad_code     varchar(9)  not null,
    size_class   varchar(10) not null,
    vcse         varchar(10) not null,
    signatory    boolean     not null
);

-- Which tiers a located supplier is local to, per range of months with the same tier versions in force.
create table supplier_locality (
    supplier_id  uuid     not null,
    first_month  date     not null,
    last_month   date     not null,
    bits         integer  not null,
    primary key (supplier_id, first_month)
);

-- Where each supplier site is, with the kind of site (supplier_area without the site).
create view supplier_site_area as
select s.supplier_id, s.postcode, s.kind, coalesce(p.lad_code, d.lad_code) as lad_code, a.region_code, a.combined_authority_code
from supplier_site s
left join postcode_lookup p on p.postcode = s.postcode
left join postcode_district d on p.postcode is null and d.outward_code = split_part(s.postcode, ' ', 1)
left join local_authority a on a.lad_code = coalesce(p.lad_code, d.lad_code)
where coalesce(p.lad_code, d.lad_code) is not null;

-- The cubes. Every one has the same measures: payments, spend, and spend with SMEs, VCSEs and charter signatories.
create table spend_cube_month (
    month             date           not null,
    anchor_org_id     varchar(80)    not null,
    influenceable     boolean        not null,
    locality          integer        not null,
    payment_count     bigint         not null,
    amount            numeric(18, 2) not null,
    sme_amount        numeric(18, 2) not null,
    vcse_amount       numeric(18, 2) not null,
    signatory_amount  numeric(18, 2) not null,
    primary key (month, anchor_org_id, influenceable, locality)
);

create table spend_cube_category (
    month             date           not null,
    category_code     varchar(40)    not null,
    anchor_org_id     varchar(80)    not null,
    influenceable     boolean        not null,
    locality          integer        not null,
    payment_count     bigint         not null,
    amount            numeric(18, 2) not null,
    sme_amount        numeric(18, 2) not null,
    vcse_amount       numeric(18, 2) not null,
    signatory_amount  numeric(18, 2) not null,
    primary key (month, category_code, anchor_org_id, influenceable, locality)
);

create table spend_cube_supplier_kind (
    month             date           not null,
    category_code     varchar(40)    not null,
    anchor_org_id     varchar(80)    not null,
    influenceable     boolean        not null,
    locality          integer        not null,
    size_class        varchar(10)    not null,
    vcse              varchar(10)    not null,
    signatory         boolean        not null,
    payment_count     bigint         not null,
    amount            numeric(18, 2) not null,
    sme_amount        numeric(18, 2) not null,
    vcse_amount       numeric(18, 2) not null,
    signatory_amount  numeric(18, 2) not null,
    primary key (month, category_code, anchor_org_id, influenceable, locality, size_class, vcse, signatory)
);

create table spend_cube_area (
    month             date           not null,
    category_code     varchar(40)    not null,
    anchor_org_id     varchar(80)    not null,
    influenceable     boolean        not null,
    locality          integer        not null,
    lad_code          varchar(9)     not null,
    payment_count     bigint         not null,
    amount            numeric(18, 2) not null,
    sme_amount        numeric(18, 2) not null,
    vcse_amount       numeric(18, 2) not null,
    signatory_amount  numeric(18, 2) not null,
    primary key (month, category_code, anchor_org_id, influenceable, locality, lad_code)
);

-- Per financial year (its first day) and supplier: the leakage lists, supplier counts and privacy thresholds.
create table spend_cube_supplier_year (
    financial_year    date           not null,
    category_code     varchar(40)    not null,
    locality          integer        not null,
    supplier_id       uuid           not null,
    anchor_org_id     varchar(80)    not null,
    influenceable     boolean        not null,
    payment_count     bigint         not null,
    amount            numeric(18, 2) not null,
    sme_amount        numeric(18, 2) not null,
    vcse_amount       numeric(18, 2) not null,
    signatory_amount  numeric(18, 2) not null,
    primary key (financial_year, category_code, locality, supplier_id, anchor_org_id, influenceable)
);

-- A supplier's rollup rows move when its profile changes.
create index spend_rollup_supplier on spend_rollup (supplier_id);
-- Analyses that need the rollup itself (supplier counts by month, districts by size) read only their months.
create index spend_rollup_month on spend_rollup (month);

-- Whether the cubes have been built from the rollup once (at the first start after this migration).
create table spend_cube_state (
    id      integer     primary key check (id = 1),
    built   boolean     not null,
    built_at timestamptz
);
insert into spend_cube_state (id, built) values (1, false);

-- A starting set of categories in the CLES manner; the network replaces it through PUT /api/v1/spend/categories.
insert into spend_category (code, label, influenceable, position) values
    ('construction', 'Construction, repairs and highways', true, 1),
    ('facilities', 'Facilities, cleaning and grounds', true, 2),
    ('social-care', 'Social care and support', true, 3),
    ('clinical', 'Clinical and medical supplies', true, 4),
    ('ict', 'ICT hardware, software and support', true, 5),
    ('professional-services', 'Professional services and consultancy', true, 6),
    ('catering', 'Catering and food', true, 7),
    ('transport', 'Transport, vehicles and fleet', true, 8),
    ('agency-staff', 'Agency and interim staff', true, 9),
    ('supplies', 'Equipment, materials and supplies', true, 10),
    ('training', 'Training and education', true, 11),
    ('waste', 'Waste and recycling', true, 12),
    ('grants', 'Grants and contributions', false, 13),
    ('energy-utilities', 'Energy and utilities', false, 14),
    ('statutory', 'Rates, taxes, levies and pensions', false, 15),
    ('public-bodies', 'Payments to other public bodies', false, 16),
    ('uncategorised', 'Not categorised by any rule', true, 99);

insert into category_rule (position, pattern, category_code) values
    (10, '*nhs bod*', 'public-bodies'),
    (11, '*precept*', 'public-bodies'),
    (20, '*electric*', 'energy-utilities'),
    (21, '*gas*', 'energy-utilities'),
    (22, '*energy*', 'energy-utilities'),
    (23, '*water*', 'energy-utilities'),
    (24, '*utilit*', 'energy-utilities'),
    (29, '*taxi*', 'transport'),
    (30, '*rates*', 'statutory'),
    (31, '*levy*', 'statutory'),
    (32, '*pension*', 'statutory'),
    (33, '*tax*', 'statutory'),
    (40, '*grant*', 'grants'),
    (50, '*agency*', 'agency-staff'),
    (60, '*build*', 'construction'),
    (61, '*construct*', 'construction'),
    (62, '*repair*', 'construction'),
    (63, '*highway*', 'construction'),
    (64, '*contractor*', 'construction'),
    (65, '*premises*', 'construction'),
    (70, '*clean*', 'facilities'),
    (71, '*facilit*', 'facilities'),
    (72, '*ground*', 'facilities'),
    (73, '*establishment*', 'facilities'),
    (80, '*care*', 'social-care'),
    (81, '*social*', 'social-care'),
    (90, '*clinical*', 'clinical'),
    (91, '*drug*', 'clinical'),
    (92, '*medical*', 'clinical'),
    (100, '*ict*', 'ict'),
    (101, '*software*', 'ict'),
    (102, 'it', 'ict'),
    (103, 'it *', 'ict'),
    (110, '*consult*', 'professional-services'),
    (111, '*professional*', 'professional-services'),
    (112, '*legal*', 'professional-services'),
    (113, '*fees*', 'professional-services'),
    (120, '*cater*', 'catering'),
    (121, '*food*', 'catering'),
    (122, '*provision*', 'catering'),
    (130, '*transport*', 'transport'),
    (131, '*vehicle*', 'transport'),
    (132, '*fleet*', 'transport'),
    (133, '*fuel*', 'transport'),
    (140, '*equipment*', 'supplies'),
    (141, '*material*', 'supplies'),
    (142, '*supplies*', 'supplies'),
    (143, '*stationery*', 'supplies'),
    (150, '*training*', 'training'),
    (160, '*waste*', 'waste'),
    (161, '*recycl*', 'waste');
