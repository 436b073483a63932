-- Transactional outbox: rows are written in the business transaction and relayed to Kafka by OutboxRelay.
CREATE TABLE outbox_event (
    id           uuid PRIMARY KEY,            -- becomes the CloudEvents ce_id
    seq          bigserial NOT NULL UNIQUE,   -- relay order; keeps per-key order
    topic        text NOT NULL,
    message_key  text NOT NULL,
    event_type   text NOT NULL,
    subject      text,
    source       text NOT NULL,
    occurred_at  timestamptz NOT NULL,
    payload      jsonb NOT NULL,
    traceparent  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

-- The relay only ever scans unpublished rows in seq order; keep that index small.
CREATE INDEX outbox_event_unpublished_idx ON outbox_event (seq) WHERE published_at IS NULL;
-- Cleanup deletes old published rows.
CREATE INDEX outbox_event_published_at_idx ON outbox_event (published_at) WHERE published_at IS NOT NULL;
