-- Every time an organisation left a charter (issue 15): the membership that ended, when, and why. The reason is
-- private (the organisation itself and the network admin read it; never on the register, in events or reports), and
-- stays when the organisation signs again, which starts a new membership on the signatory's record.
create table signatory_leaving (
    id                  bigint generated always as identity primary key,
    signatory_id        uuid          not null references signatory (id),
    joined_on           date          not null,
    left_on             date          not null,
    reason              varchar(500),
    -- Whether the network admin removed the organisation; unknown (null) for leavings recorded before this table.
    removed_by_network  boolean,
    recorded_at         timestamptz   not null
);
create index signatory_leaving_signatory on signatory_leaving (signatory_id, left_on);

insert into signatory_leaving (signatory_id, joined_on, left_on, reason, recorded_at)
select id, joined_on, left_on, leaving_reason, updated_at from signatory where left_on is not null;

-- The reason now lives with each leaving only.
alter table signatory drop column leaving_reason;
