-- Read models of reporting-service: one row per fact received from the topics, nothing computed. Reports are SQL
-- aggregates over these rows at query time, so a replay of the topics from their start rebuilds identical tables.
-- Every upsert is order-independent (a version, a status rank or a per-event column decides), and no column holds
-- the time a row was written: a rebuilt table equals the original one row for row.
-- No personal data is stored: submitters, inspectors and deciders are deliberately dropped on ingestion.

-- Object directory (compacted topic): names, divisions and industry of every unit, latest platform version wins.
CREATE TABLE rm_unit (
    permit_number       text PRIMARY KEY,
    unit_name           text NOT NULL,
    province_code       text NOT NULL,
    city_code           text NOT NULL,
    county_code         text NOT NULL,
    industry_code       text,
    industry_name       text,
    key_industry        text NOT NULL,
    management_category text NOT NULL,
    status              text NOT NULL,
    version             bigint NOT NULL,
    changed_at          timestamptz
);
CREATE INDEX rm_unit_county_idx ON rm_unit (county_code text_pattern_ops);

-- Inspection records: the highest version per record.
CREATE TABLE rm_inspection (
    record_id      uuid PRIMARY KEY,
    version        integer NOT NULL,
    task_id        uuid,
    permit_number  text NOT NULL,
    unit_name      text NOT NULL,
    city_code      text NOT NULL,
    county_code    text NOT NULL,
    key_industry   text NOT NULL,
    inspected_at   timestamptz NOT NULL,
    submitted_at   timestamptz NOT NULL,
    compliant      integer NOT NULL,
    non_compliant  integer NOT NULL,
    not_applicable integer NOT NULL,
    not_checked    integer NOT NULL,
    exceedances    integer NOT NULL
);
CREATE INDEX rm_inspection_scope_idx ON rm_inspection (inspected_at, county_code);
CREATE INDEX rm_inspection_unit_idx ON rm_inspection (permit_number);
CREATE INDEX rm_inspection_task_idx ON rm_inspection (task_id);

-- Findings: the latest state per finding; SUPERSEDED outranks ACTIVE (a superseded finding never becomes active again).
CREATE TABLE rm_finding (
    finding_id     uuid PRIMARY KEY,
    status         text NOT NULL,
    status_rank    smallint NOT NULL,
    record_id      uuid NOT NULL,
    record_version integer NOT NULL,
    permit_number  text NOT NULL,
    unit_name      text NOT NULL,
    city_code      text NOT NULL,
    county_code    text NOT NULL,
    key_industry   text NOT NULL,
    item_no        integer,
    violation_type text NOT NULL,
    article        text,
    inspected_at   timestamptz NOT NULL,
    recorded_at    timestamptz NOT NULL
);
CREATE INDEX rm_finding_scope_idx ON rm_finding (inspected_at, county_code) WHERE status = 'ACTIVE';
CREATE INDEX rm_finding_unit_idx ON rm_finding (permit_number);
CREATE INDEX rm_finding_record_idx ON rm_finding (record_id);

-- Cases: the CaseRef of the highest caseVersion; opened/closed columns belong to their own event.
CREATE TABLE rm_case (
    case_id         uuid PRIMARY KEY,
    case_no         text,
    case_version    bigint NOT NULL,
    permit_number   text NOT NULL,
    unit_name       text NOT NULL,
    city_code       text NOT NULL,
    county_code     text NOT NULL,
    key_industry    text NOT NULL,
    violation_type  text,
    article         text,
    origin          text,
    finding_id      uuid,
    alert_id        uuid,
    record_id       uuid,
    task_id         uuid,
    opened_at       timestamptz,
    closed_at       timestamptz,
    total_fine_yuan numeric(14, 2),
    penalized       boolean
);
CREATE INDEX rm_case_scope_idx ON rm_case (opened_at, county_code);
CREATE INDEX rm_case_unit_idx ON rm_case (permit_number);
CREATE INDEX rm_case_record_idx ON rm_case (record_id);

-- Penalty decisions (immutable): FINE, NO_PENALTY, DAILY_CONTINUOUS.
CREATE TABLE rm_penalty (
    decision_id     uuid PRIMARY KEY,
    case_id         uuid NOT NULL,
    kind            text NOT NULL,
    no_penalty_rule text,
    amount_yuan     numeric(14, 2) NOT NULL,
    days            integer,
    from_date       date,
    to_date         date,
    decided_at      timestamptz NOT NULL,
    permit_number   text NOT NULL,
    city_code       text NOT NULL,
    county_code     text NOT NULL,
    key_industry    text NOT NULL,
    violation_type  text
);
CREATE INDEX rm_penalty_scope_idx ON rm_penalty (decided_at, county_code);
CREATE INDEX rm_penalty_unit_idx ON rm_penalty (permit_number);

-- Rectifications: ordered, overdue and completed each fill their own columns, so any arrival order gives one row.
CREATE TABLE rm_rectification (
    rectification_id uuid PRIMARY KEY,
    case_id          uuid NOT NULL,
    permit_number    text NOT NULL,
    city_code        text NOT NULL,
    county_code      text NOT NULL,
    key_industry     text NOT NULL,
    violation_type   text,
    ordered_on       date,
    deadline         date,
    overdue_at       timestamptz,
    escalated_to     text,
    completed_at     timestamptz,
    completed_on_time boolean
);
CREATE INDEX rm_rectification_scope_idx ON rm_rectification (ordered_on, county_code);
CREATE INDEX rm_rectification_unit_idx ON rm_rectification (permit_number);
CREATE INDEX rm_rectification_case_idx ON rm_rectification (case_id);

-- Remote-check alerts: latest state per alert by changedAt.
CREATE TABLE rm_alert (
    alert_id       uuid PRIMARY KEY,
    rule           text NOT NULL,
    status         text NOT NULL,
    permit_number  text NOT NULL,
    unit_name      text,
    city_code      text NOT NULL,
    county_code    text NOT NULL,
    key_industry   text,
    violation_type text,
    task_id        uuid,
    case_id        uuid,
    raised_at      timestamptz,
    changed_at     timestamptz NOT NULL
);
CREATE INDEX rm_alert_unit_idx ON rm_alert (permit_number);

-- Inspection tasks (inspector ids are not kept). A merge re-sends the task with more departments: the longer list wins.
CREATE TABLE rm_task (
    task_id       uuid PRIMARY KEY,
    permit_number text NOT NULL,
    county_code   text NOT NULL,
    city_code     text NOT NULL,
    origin        text NOT NULL,
    draw_id       uuid,
    plan_id       uuid,
    method        text,
    due_date      date,
    period_month  text NOT NULL,
    departments   text[] NOT NULL
);
CREATE INDEX rm_task_period_idx ON rm_task (period_month, county_code);

-- Annual plans (附件3): the latest publication per plan; the rows as received.
CREATE TABLE rm_plan (
    plan_id      uuid PRIMARY KEY,
    city_code    text NOT NULL,
    year         integer NOT NULL,
    title        text,
    start_month  integer NOT NULL,
    published_at timestamptz NOT NULL,
    rows         jsonb NOT NULL
);
CREATE INDEX rm_plan_city_year_idx ON rm_plan (city_code, year);

-- Draws: completed (verification material) and published (一公开, with the drawn units).
CREATE TABLE rm_draw (
    draw_id      uuid PRIMARY KEY,
    plan_id      uuid,
    city_code    text NOT NULL,
    period_month text NOT NULL,
    key_industry text,
    seed_hash    text,
    seed         text,
    completed_at timestamptz,
    published_at timestamptz
);
CREATE INDEX rm_draw_published_idx ON rm_draw (city_code, period_month) WHERE published_at IS NOT NULL;

CREATE TABLE rm_draw_unit (
    draw_id       uuid NOT NULL REFERENCES rm_draw (draw_id),
    seq           integer NOT NULL,
    permit_number text NOT NULL,
    unit_name     text NOT NULL,
    county_code   text,
    stratum       text,
    PRIMARY KEY (draw_id, seq)
);
CREATE INDEX rm_draw_unit_permit_idx ON rm_draw_unit (permit_number);

-- Liaison submissions (latest per obligation:city:period); the submitter is not kept.
CREATE TABLE rm_submission (
    submission_key  text PRIMARY KEY,
    submission_id   uuid NOT NULL,
    obligation_id   uuid NOT NULL,
    obligation_code text NOT NULL,
    city_code       text NOT NULL,
    period          text NOT NULL,
    due_date        date,
    status          text NOT NULL,
    submitted_at    timestamptz NOT NULL
);
CREATE INDEX rm_submission_period_idx ON rm_submission (period, city_code);
