-- Inspection records (检查记录), their submitted versions, findings and idempotency keys.
-- task_id, checklist_version_id and permit_number point at tables owned by other features (inspection_task,
-- checklist_version, directory_unit); they carry no foreign keys so each feature's migrations stay independent.

-- One record per task. While DRAFT, content is editable; once SUBMITTED the row only changes when a correction
-- adds a version, and content always equals the latest version's content.
CREATE TABLE inspection_record (
    id                    uuid PRIMARY KEY,
    task_id               uuid NOT NULL UNIQUE,
    permit_number         text NOT NULL,
    unit_name             text NOT NULL,
    division_code         varchar(6) NOT NULL, -- the unit's county: scope filters with LIKE '<prefix>%'
    city_code             varchar(6) NOT NULL,
    key_industry          text NOT NULL,
    checklist_version_id  uuid NOT NULL,       -- pinned when the record is started
    status                text NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED')),
    current_version       int NOT NULL DEFAULT 0 CHECK (current_version >= 0), -- 0 while draft
    content               jsonb NOT NULL,
    created_by            text NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    submitted_at          timestamptz
);
CREATE INDEX inspection_record_division_idx ON inspection_record (division_code text_pattern_ops);
CREATE INDEX inspection_record_permit_idx ON inspection_record (permit_number);

-- Immutable history: version 1 is the submission, every correction appends one with its reason.
CREATE TABLE inspection_record_version (
    record_id     uuid NOT NULL REFERENCES inspection_record (id),
    version       int NOT NULL CHECK (version >= 1),
    reason        text,
    content       jsonb NOT NULL,
    submitted_by  text NOT NULL,
    submitted_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (record_id, version),
    CHECK (version = 1 OR reason IS NOT NULL)
);

-- A non-compliant item of a submitted record version. Corrections supersede, never delete.
CREATE TABLE finding (
    id              uuid PRIMARY KEY,
    record_id       uuid NOT NULL REFERENCES inspection_record (id),
    record_version  int NOT NULL,
    task_id         uuid NOT NULL, -- copied from the record so scope checks need no join
    item_id         uuid NOT NULL,
    item_code       text NOT NULL,
    item_no         int,
    item_title      text NOT NULL,
    violation_type  text NOT NULL,
    article         text,
    permit_number   text NOT NULL,
    unit_name       text NOT NULL,
    division_code   varchar(6) NOT NULL,
    city_code       varchar(6) NOT NULL,
    key_industry    text NOT NULL,
    notes           text,
    evidence        jsonb NOT NULL DEFAULT '[]',
    measurements    jsonb NOT NULL DEFAULT '[]',
    fingerprint     text NOT NULL, -- hash of what the finding says: an unchanged item keeps its finding
    status          text NOT NULL CHECK (status IN ('ACTIVE', 'SUPERSEDED')),
    supersedes      uuid REFERENCES finding (id),
    superseded_by   uuid REFERENCES finding (id),
    superseded_at   timestamptz,
    inspected_at    timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX finding_active_item_uq ON finding (record_id, item_id) WHERE status = 'ACTIVE';
CREATE INDEX finding_division_idx ON finding (division_code text_pattern_ops);
CREATE INDEX finding_violation_idx ON finding (violation_type);
CREATE INDEX finding_permit_idx ON finding (permit_number);

-- Idempotency-Key of mobile clients that retry. The row is claimed first in the request's transaction and filled
-- with the response before it commits: the primary key makes a concurrent retry wait for the first transaction
-- and then replay the stored response instead of writing again (a committed row always has its response).
CREATE TABLE inspection_idempotency_key (
    caller           text NOT NULL,
    idempotency_key  text NOT NULL,
    request_hash     text NOT NULL,
    record_id        uuid,
    response_status  int,
    response_body    text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idempotency_key)
);
