-- Other identifiers an organisation is known by, registered by the organisation itself: its 360Giving funder id
-- (360G-teesvalleybakery), its charity number (GB-CHC-1234567). A 360Giving grant counts as the organisation's own
-- giving only when its funding organisation is the organisation's id or one of these.
alter table signatory add column other_identifiers varchar(80)[] not null default '{}';
