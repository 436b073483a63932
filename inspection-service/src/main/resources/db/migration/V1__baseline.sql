-- inspection-service baseline. The library's tables (outbox_event, processed_event, audit_log) are migrated by
-- platform-support under support_schema_history; this history only holds the service's own schema.

-- Local projection of the object directory (directory.unit.events.v1): random draws and tasks pick their
-- units from here, never by calling permit-sync. One row per permit number, the latest snapshot wins.
CREATE TABLE directory_unit (
    permit_number  text PRIMARY KEY,
    unit_name      text NOT NULL,
    division_code  varchar(6) NOT NULL,
    snapshot       jsonb NOT NULL,
    source_event   text NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Division scope filters with LIKE '<prefix>%'.
CREATE INDEX directory_unit_division_idx ON directory_unit (division_code text_pattern_ops);
