-- Feedback from enforcement into the object directory (issue 4): penalties and rectifications become the unit's
-- violation history; submitted inspections set last_inspected_at. Rows are keyed by what the events carry, with no
-- foreign key to directory_unit: a decision for a unit the sync has not stored yet is kept here and applied when
-- the unit arrives (the reconciliation job, see the feedback package).

-- Fines (FINE decisions) in the violation window, next to violation_count: the source-type rules can ask for
-- "fined in the last year" (DOMAIN §6) separately from "any verified violation". Like violation_count, a sync never
-- overwrites it.
ALTER TABLE directory_unit ADD COLUMN fine_count integer NOT NULL DEFAULT 0;

-- One row per case (a case has one violation type and at most one FINE or NO_PENALTY decision).
CREATE TABLE unit_violation (
    case_id                uuid         PRIMARY KEY,
    case_no                text,
    -- highest caseVersion seen: the descriptive fields (names, codes) are taken from the newest event only
    case_version           bigint       NOT NULL,
    permit_no              varchar(64)  NOT NULL,
    unit_name              text,
    city_code              varchar(6),
    county_code            varchar(6),
    key_industry           varchar(24),
    violation_type         text,
    article                text,
    -- the case's FINE or NO_PENALTY decision; null until decided
    decision_kind          varchar(16)  CHECK (decision_kind IN ('FINE', 'NO_PENALTY')),
    no_penalty_rule        text,
    decided_at             timestamptz,
    -- sum of every decision of the case (the fine plus any 按日连续处罚), in yuan; each decision is added once
    amount_yuan            numeric(14, 2) NOT NULL DEFAULT 0,
    decision_ids           uuid[]       NOT NULL DEFAULT '{}',
    -- OVERDUE, COMPLETED or CLOSED; null while no rectification event has arrived
    rectification_status   varchar(16)  CHECK (rectification_status IN ('OVERDUE', 'COMPLETED', 'CLOSED')),
    rectification_deadline date,
    rectified_on_time      boolean,
    -- caseVersion of the event that set rectification_status: an older event never moves the status back
    status_version         bigint       NOT NULL DEFAULT 0,
    closed_at              timestamptz,
    updated_at             timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX unit_violation_permit ON unit_violation (permit_no, decided_at DESC);

-- The latest inspection per unit as fed back (max of inspectedAt), also for units not synced yet.
CREATE TABLE unit_inspection (
    permit_no          varchar(64)  PRIMARY KEY,
    last_inspected_at  timestamptz  NOT NULL,
    record_id          uuid,
    updated_at         timestamptz  NOT NULL DEFAULT now()
);
