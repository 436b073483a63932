-- Remote checks (非现场监管) on the directory projection: runs, verified closures and the alerts they raise.
-- See docs/inspection/remote-checks.md.

-- One row per finished run (a run is one transaction: a failed run leaves no row). scope_prefix is the division
-- prefix the run covered ('' = the whole directory, the scheduled run).
CREATE TABLE remote_check_run (
    id              uuid PRIMARY KEY,
    trigger         text NOT NULL CHECK (trigger IN ('SCHEDULE', 'ON_DEMAND')),
    scope_division  varchar(6),
    scope_prefix    text NOT NULL,
    rules_version   text NOT NULL,
    as_of           date NOT NULL,
    raised          integer NOT NULL,
    updated         integer NOT NULL,
    resolved        integer NOT NULL,
    per_rule        jsonb NOT NULL,
    requested_by    text NOT NULL,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NOT NULL
);
CREATE INDEX remote_check_run_started_idx ON remote_check_run (started_at DESC);

-- A bureau's verified closure (关停) of a unit: the unit is no longer "listed as operating", so the remote rules
-- stop alerting on it. One per unit.
CREATE TABLE remote_unit_closure (
    permit_number  text PRIMARY KEY,
    id             uuid NOT NULL UNIQUE,
    division_code  varchar(6) NOT NULL,
    closed_on      date NOT NULL,
    basis          text NOT NULL,
    recorded_by    text NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX remote_unit_closure_division_idx ON remote_unit_closure (division_code text_pattern_ops);

-- condition_key identifies the situation an alert is about (e.g. 'EXPIRED|2024-05-01', 'SIMPLIFIED<KEY'): a reviewed
-- alert suppresses new alerts for the same unit, rule and condition; a changed condition raises a new one.
CREATE TABLE remote_alert (
    id              uuid PRIMARY KEY,
    rule            text NOT NULL CHECK (rule IN ('PERMIT_NOT_VALID_BUT_OPERATING', 'CATEGORY_TOO_LOW')),
    rule_version    text NOT NULL,
    permit_number   text NOT NULL,
    unit_name       text NOT NULL,
    province_code   varchar(6) NOT NULL,
    city_code       varchar(6) NOT NULL,
    county_code     varchar(6) NOT NULL,
    industry_code   text,
    key_industry    text,
    violation_type  text NOT NULL,
    article         text NOT NULL,
    condition_key   text NOT NULL,
    evidence        jsonb NOT NULL,
    status          text NOT NULL CHECK (status IN ('OPEN', 'DISMISSED', 'TASKED', 'CASED', 'RESOLVED')),
    raised_run_id   uuid,
    last_run_id     uuid,
    raised_at       timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    resolved_at     timestamptz,
    review_decision text CHECK (review_decision IN ('DISMISS', 'TASK', 'CASE')),
    review_reason   text,
    reviewed_by     text,
    reviewed_at     timestamptz,
    task_id         uuid,
    case_id         uuid
);
-- At most one OPEN alert per unit and rule: re-runs update it, never duplicate it.
CREATE UNIQUE INDEX remote_alert_open_uq ON remote_alert (permit_number, rule) WHERE status = 'OPEN';
CREATE INDEX remote_alert_unit_idx ON remote_alert (permit_number, rule);
CREATE INDEX remote_alert_county_idx ON remote_alert (county_code text_pattern_ops);
CREATE INDEX remote_alert_status_idx ON remote_alert (status, rule);
