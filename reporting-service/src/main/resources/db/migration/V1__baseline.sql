-- reporting-service baseline. The library's tables (outbox_event, processed_event, audit_log) are migrated by
-- platform-support under support_schema_history; this history only holds the service's own schema.

-- Read models are rebuilt from topics; this records how far each projection has read, so a rebuild can
-- start from scratch (delete the row and the projection's rows) and progress is visible to operators.
CREATE TABLE projection_progress (
    projection     text NOT NULL,
    topic          text NOT NULL,
    kafka_partition integer NOT NULL,
    next_offset    bigint NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (projection, topic, kafka_partition)
);
