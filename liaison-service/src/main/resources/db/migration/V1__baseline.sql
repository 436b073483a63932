-- liaison-service baseline. The library's tables (outbox_event, processed_event, audit_log) are migrated by
-- platform-support under support_schema_history; this history only holds the service's own schema.

-- Liaison directory: the people of each bureau who receive deadlines, notifications and clue transfers.
-- Phone and e-mail are personal data, masked for callers without pii:read.
CREATE TABLE liaison_contact (
    id             uuid PRIMARY KEY,
    division_code  varchar(6) NOT NULL,
    organisation   text NOT NULL,
    person_name    text NOT NULL,
    phone          text,
    email          text,
    active         boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX liaison_contact_division_idx ON liaison_contact (division_code text_pattern_ops);
