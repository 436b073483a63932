-- Idempotent consumer markers: one row per (consumer, ce_id), written in the same transaction as the effect.
CREATE TABLE processed_event (
    consumer     text NOT NULL,
    event_id     text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX processed_event_processed_at_idx ON processed_event (processed_at);
