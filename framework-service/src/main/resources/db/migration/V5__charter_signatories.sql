-- Bidders' charter status, kept from pledge-service's events (pledge.signatory-joined.v1 / signatory-left.v1), so a
-- bid shows whether its bidder is a charter signatory without a call at evaluation time.
create table charter_signatory (
    organisation_id  varchar(80)  not null,
    charter_id       varchar(80)  not null,
    organisation_name varchar(200) not null,
    joined_on        date         not null,
    left_on          date,
    pledge_codes     varchar(80)[] not null default '{}',
    updated_at       timestamptz  not null,
    primary key (organisation_id, charter_id)
);
