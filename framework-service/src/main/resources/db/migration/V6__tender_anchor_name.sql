-- The anchor's name travels with its tenders, so that OCDS releases name their buyer (issue 15). Tenders made before
-- take the name the charter register gave the anchor, or else its organisation id until the tender is sent again.
alter table tender add column anchor_name varchar(300);
update tender t set anchor_name = coalesce(
    (select s.organisation_name from charter_signatory s where s.organisation_id = t.anchor_org_id
     order by s.updated_at desc limit 1),
    t.anchor_org_id);
alter table tender alter column anchor_name set not null;
