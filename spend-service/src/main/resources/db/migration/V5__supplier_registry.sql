-- One supplier registry for the network: the same supplier paid by the council and the NHS trust is one supplier.
-- A supplier has a surrogate id; its org-id.guide identifier, when known, is one of its identities.
alter table supplier add column id uuid;
update supplier set id = gen_random_uuid();
alter table supplier alter column id set not null;
alter table supplier drop constraint supplier_pkey;
alter table supplier add primary key (id);
alter table supplier alter column organisation_id drop not null;
create unique index supplier_organisation_id on supplier (organisation_id) where organisation_id is not null;
alter table supplier add column size_class varchar(10) check (size_class in ('MICRO', 'SMALL', 'MEDIUM', 'LARGE'));
alter table supplier add column vcse boolean;
alter table supplier add column sic_codes varchar(5)[];
alter table supplier add column created_at timestamptz not null default now();

-- Identifiers: org-id.guide ids (GB-COH-…, GB-CHC-…, GB-PPON-…) and VAT numbers (GB-VAT-…), each naming one supplier.
create table supplier_identity (
    identifier   varchar(80) primary key,
    scheme       varchar(20) not null,
    supplier_id  uuid        not null references supplier (id) on delete cascade
);
insert into supplier_identity (identifier, scheme, supplier_id)
select organisation_id, substring(organisation_id from '^([A-Z]{2}-[A-Z]+)'), id from supplier where organisation_id is not null;

-- Names and aliases, by their normalised form (SupplierNames): the key payments are matched on.
create table supplier_name (
    normalised_name  varchar(300) primary key,
    supplier_id      uuid         not null references supplier (id) on delete cascade,
    name             varchar(300) not null,
    kind             varchar(10)  not null check (kind in ('NAME', 'ALIAS'))
);

-- Each anchor's own reference for the supplier (its vendor number).
create table supplier_reference (
    anchor_org_id  varchar(80)  not null,
    reference      varchar(100) not null,
    supplier_id    uuid         not null references supplier (id) on delete cascade,
    primary key (anchor_org_id, reference)
);

-- Registered office and branches: CLES counts a supplier as local where it is based or branched.
create table supplier_site (
    supplier_id  uuid        not null references supplier (id) on delete cascade,
    postcode     varchar(8)  not null,
    kind         varchar(20) not null check (kind in ('REGISTERED_OFFICE', 'BRANCH')),
    primary key (supplier_id, postcode)
);

-- Where each supplier's sites are: by full postcode, else by a postcode district wholly in one authority.
create view supplier_area as
select distinct s.supplier_id, coalesce(p.lad_code, d.lad_code) as lad_code, a.region_code, a.combined_authority_code
from supplier_site s
left join postcode_lookup p on p.postcode = s.postcode
left join postcode_district d on p.postcode is null and d.outward_code = split_part(s.postcode, ' ', 1)
left join local_authority a on a.lad_code = coalesce(p.lad_code, d.lad_code)
where coalesce(p.lad_code, d.lad_code) is not null;

alter table payment add column supplier_id uuid;
alter table payment add column supplier_name_normalised varchar(300);
alter table payment add column match_method varchar(12) check (match_method in ('REFERENCE', 'IDENTIFIER', 'NAME'));
-- The names still to review: not matched, not withheld.
create index payment_unmatched_name on payment (supplier_name_normalised) where supplier_id is null and not redacted;
