-- Shared by every service (messaging module). Versions 0.x belong to this module; services number theirs from 1.

-- Events written in the same transaction as the change they describe, relayed to Kafka in position order.
create table outbox_event (
    position      bigint generated always as identity primary key,
    event_id      uuid         not null unique,
    topic         varchar(100) not null,
    event_type    varchar(100) not null,
    source        varchar(100) not null,
    aggregate_id  varchar(200) not null,
    subject       varchar(200),
    payload       text         not null,
    occurred_at   timestamptz  not null,
    published_at  timestamptz
);
create index outbox_event_pending on outbox_event (position) where published_at is null;

-- Events a consumer has handled, recorded in the same transaction as their effect: a redelivery has no second effect.
create table processed_message (
    consumer      varchar(100) not null,
    event_id      varchar(200) not null,
    event_type    varchar(100),
    outcome       varchar(20)  not null,
    detail        text,
    processed_at  timestamptz  not null,
    primary key (consumer, event_id)
);
