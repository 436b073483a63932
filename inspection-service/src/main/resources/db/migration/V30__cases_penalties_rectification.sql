-- Cases (案件), penalty proposals and decisions with their discretion explanation, rectification orders to closure
-- (销号). finding_id, alert_id, record_id and task_id point at tables owned by other features; like V20 they carry
-- no foreign keys so each feature's migrations stay independent.

-- Follow-up inspections of a rectification order are tasks too.
ALTER TABLE inspection_task DROP CONSTRAINT inspection_task_origin_check;
ALTER TABLE inspection_task ADD CONSTRAINT inspection_task_origin_check
    CHECK (origin IN ('DRAW', 'COMPLAINT', 'CLUE', 'ALERT', 'MANUAL', 'FOLLOW_UP'));

-- Case numbers are unique per city and year: one counter row per (city, year), incremented under its row lock.
CREATE TABLE case_number_counter (
    city_code  varchar(6) NOT NULL,
    year       int NOT NULL,
    last_no    int NOT NULL CHECK (last_no >= 1),
    PRIMARY KEY (city_code, year)
);

CREATE TABLE enforcement_case (
    id                 uuid PRIMARY KEY,
    case_no            text NOT NULL UNIQUE,
    origin             text NOT NULL CHECK (origin IN ('FINDING', 'ALERT')),
    finding_id         uuid,
    alert_id           uuid,
    record_id          uuid,
    task_id            uuid,
    permit_number      text NOT NULL,
    unit_name          text NOT NULL,
    division_code      varchar(6) NOT NULL, -- the unit's county: scope filters with LIKE '<prefix>%'
    city_code          varchar(6) NOT NULL,
    key_industry       text NOT NULL,
    violation_type     text NOT NULL,
    article            text NOT NULL,
    facts              text NOT NULL,
    evidence           jsonb NOT NULL DEFAULT '[]',
    violation_at       timestamptz NOT NULL, -- when the violation was found (the inspection, or the alert's review)
    handling_division  varchar(6) NOT NULL,  -- the bureau that opened it: overdue rectification escalates one level up
    status             text NOT NULL CHECK (status IN ('OPEN', 'DECIDED', 'CLOSED')),
    event_version      bigint NOT NULL DEFAULT 0, -- CaseRef.caseVersion of the latest event
    opened_by          text NOT NULL,
    opened_at          timestamptz NOT NULL DEFAULT now(),
    closed_by          text,
    closed_at          timestamptz,
    total_fine_yuan    numeric(14, 2),
    CHECK ((origin = 'FINDING') = (finding_id IS NOT NULL)),
    CHECK ((origin = 'ALERT') = (alert_id IS NOT NULL))
);
-- A finding or an alert becomes at most one case (a later violation is a new finding).
CREATE UNIQUE INDEX enforcement_case_finding_uq ON enforcement_case (finding_id) WHERE finding_id IS NOT NULL;
CREATE UNIQUE INDEX enforcement_case_alert_uq ON enforcement_case (alert_id) WHERE alert_id IS NOT NULL;
CREATE INDEX enforcement_case_division_idx ON enforcement_case (division_code text_pattern_ops);
CREATE INDEX enforcement_case_history_idx ON enforcement_case (permit_number, violation_at);

-- A computed proposal: what the benchmark version said for the inputs, kept whether or not it is decided.
CREATE TABLE penalty_proposal (
    id                   uuid PRIMARY KEY,
    case_id              uuid NOT NULL REFERENCES enforcement_case (id),
    benchmark_version    text NOT NULL,
    article              text NOT NULL,
    min_yuan             numeric(14, 2) NOT NULL,
    max_yuan             numeric(14, 2) NOT NULL,
    proposed_yuan        numeric(14, 2) NOT NULL,
    no_penalty_eligible  boolean NOT NULL,
    no_penalty_rule      text,
    input                jsonb NOT NULL,
    explanation          jsonb NOT NULL,
    created_by           text NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX penalty_proposal_case_idx ON penalty_proposal (case_id);

CREATE TABLE penalty_decision (
    id                      uuid PRIMARY KEY,
    case_id                 uuid NOT NULL REFERENCES enforcement_case (id),
    kind                    text NOT NULL CHECK (kind IN ('FINE', 'NO_PENALTY', 'DAILY_CONTINUOUS')),
    proposal_id             uuid REFERENCES penalty_proposal (id),
    amount_yuan             numeric(14, 2) NOT NULL CHECK (amount_yuan >= 0),
    proposed_yuan           numeric(14, 2) NOT NULL,
    overridden              boolean NOT NULL DEFAULT false,
    override_reason         text,
    no_penalty_rule         text,
    benchmark_version       text,
    days                    int CHECK (days >= 1),
    from_date               date,
    to_date                 date,
    rectification_id        uuid,
    reinspection_record_id  uuid,
    explanation             jsonb NOT NULL DEFAULT '{}',
    decided_by              text NOT NULL,
    decided_at              timestamptz NOT NULL DEFAULT now(),
    CHECK (NOT overridden OR override_reason IS NOT NULL),
    CHECK ((kind = 'DAILY_CONTINUOUS') = (days IS NOT NULL))
);
-- At most one FINE or NO_PENALTY decision per case; a re-inspection fines a continuing violation once.
CREATE UNIQUE INDEX penalty_decision_main_uq ON penalty_decision (case_id) WHERE kind IN ('FINE', 'NO_PENALTY');
CREATE UNIQUE INDEX penalty_decision_daily_uq ON penalty_decision (rectification_id, reinspection_record_id)
    WHERE kind = 'DAILY_CONTINUOUS';

-- The rectification order (责令改正) of a case. One per case; CONTINUING verifications keep it open.
CREATE TABLE rectification (
    id                  uuid PRIMARY KEY,
    case_id             uuid NOT NULL UNIQUE REFERENCES enforcement_case (id),
    status              text NOT NULL CHECK (status IN ('ORDERED', 'IN_PROGRESS', 'VERIFIED_COMPLETE', 'ESCALATED')),
    ordered_on          date NOT NULL,
    deadline            date NOT NULL CHECK (deadline >= ordered_on),
    requirements        text NOT NULL,
    follow_up_task_id   uuid,
    overdue_at          timestamptz, -- set once when the deadline passed unverified (then status ESCALATED)
    escalated_to        varchar(6),
    verified_record_id  uuid,
    verified_by         text,
    verified_at         timestamptz,
    on_time             boolean,
    ordered_by          text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rectification_open_deadline_idx ON rectification (deadline) WHERE status IN ('ORDERED', 'IN_PROGRESS');

-- Steps the unit reported (整改进展).
CREATE TABLE rectification_progress (
    id                uuid PRIMARY KEY,
    rectification_id  uuid NOT NULL REFERENCES rectification (id),
    note              text NOT NULL,
    reported_by       text NOT NULL,
    reported_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rectification_progress_idx ON rectification_progress (rectification_id);

-- Every follow-up verdict, COMPLETE or CONTINUING, with the inspection record it rests on.
CREATE TABLE rectification_verification (
    id                uuid PRIMARY KEY,
    rectification_id  uuid NOT NULL REFERENCES rectification (id),
    record_id         uuid NOT NULL,
    result            text NOT NULL CHECK (result IN ('COMPLETE', 'CONTINUING')),
    inspected_on      date NOT NULL,
    verified_by       text NOT NULL,
    verified_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (rectification_id, record_id)
);
