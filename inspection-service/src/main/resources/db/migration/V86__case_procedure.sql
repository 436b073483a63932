-- The procedure (程序) of a penalty case with its time limits (issue 20, ADR 0041, docs/inspection/cases.md#procedure).
-- One row per case holds the current step and every date and deadline the steps fixed; case_procedure_step keeps each
-- step with who and when (the row says where the case is, the log how it got there). Deadlines are computed in Java
-- from the working-day calendar (platform-support WorkdayCalendar) when a step is taken and stored, so the overdue
-- list is one indexed query.
CREATE TABLE case_procedure (
    case_id                uuid PRIMARY KEY REFERENCES enforcement_case (id),
    step                   text NOT NULL CHECK (step IN ('INVESTIGATING', 'NOTICE_SERVED', 'STATEMENT_HEARD',
                               'HEARING_REQUESTED', 'HEARING_HELD', 'REVIEWED', 'DECIDED', 'SERVED', 'PAID',
                               'ENFORCEMENT_APPLIED')),
    opened_on              date NOT NULL,                 -- 立案日, the bureau's calendar day
    extension_days         int NOT NULL DEFAULT 0 CHECK (extension_days >= 0),
    extensions             int NOT NULL DEFAULT 0 CHECK (extensions BETWEEN 0 AND 2),
    excluded_days          int NOT NULL DEFAULT 0 CHECK (excluded_days >= 0),  -- hearing time, not counted
    case_due               date NOT NULL,                 -- opened_on + 90 + extension_days + excluded_days
    notice_served_on       date,
    notice_method          text,
    noticed_yuan           numeric(14, 2),
    hearing_eligible       boolean,
    statement_due          date,
    hearing_request_due    date,
    statement_on           date,
    statement_waived       boolean,
    hearing_waived         boolean,
    statement_summary      text,
    hearing_requested_on   date,
    hearing_held_on        date,
    hearing_outcome        text,
    review_required        boolean NOT NULL DEFAULT false,
    discussion_required    boolean NOT NULL DEFAULT false,
    reviewed_on            date,
    reviewer               text,
    review_opinion         text,
    discussed_on           date,
    discussion_note        text,
    decided_on             date,
    decision_kind          text,
    fine_yuan              numeric(14, 2),
    service_due            date,
    served_on              date,
    service_method         text,
    deemed_served_on       date,
    payment_due            date,
    paid_on                date,
    paid_yuan              numeric(14, 2),
    surcharge_yuan         numeric(14, 2),
    enforcement_from       date,
    enforcement_until      date,
    enforcement_applied_on date,
    enforcement_court      text,
    next_due               date,
    next_due_kind          text CHECK (next_due_kind IN ('DECISION', 'SERVICE', 'PAYMENT')),
    updated_by             text NOT NULL,
    updated_at             timestamptz NOT NULL,
    CHECK ((next_due IS NULL) = (next_due_kind IS NULL)),
    CHECK (step = 'INVESTIGATING' OR step = 'DECIDED' OR notice_served_on IS NOT NULL OR decided_on IS NOT NULL)
);
CREATE INDEX case_procedure_next_due_idx ON case_procedure (next_due) WHERE next_due IS NOT NULL;

CREATE TABLE case_procedure_step (
    id          uuid PRIMARY KEY,
    seq         bigint GENERATED ALWAYS AS IDENTITY, -- insertion order: two steps may share done_at
    case_id     uuid NOT NULL REFERENCES enforcement_case (id),
    action      text NOT NULL,
    from_step   text NOT NULL,
    to_step     text NOT NULL,
    on_day      date NOT NULL,
    details     jsonb NOT NULL,
    done_by     text NOT NULL,
    done_at     timestamptz NOT NULL
);
CREATE INDEX case_procedure_step_case_idx ON case_procedure_step (case_id, seq);

-- Cases opened before the procedure existed: OPEN ones start investigating with the 90-day limit from their opening
-- day (China Standard Time, as BureauClock counts days); decided and closed ones enter at DECIDED without a service
-- deadline — their service was never recorded and inventing one would list every old case as overdue.
INSERT INTO case_procedure (case_id, step, opened_on, case_due, next_due, next_due_kind, decided_on, updated_by,
                            updated_at)
SELECT c.id,
       CASE WHEN c.status = 'OPEN' THEN 'INVESTIGATING' ELSE 'DECIDED' END,
       (c.opened_at AT TIME ZONE 'Asia/Shanghai')::date,
       (c.opened_at AT TIME ZONE 'Asia/Shanghai')::date + 90,
       CASE WHEN c.status = 'OPEN' THEN (c.opened_at AT TIME ZONE 'Asia/Shanghai')::date + 90 END,
       CASE WHEN c.status = 'OPEN' THEN 'DECISION' END,
       (SELECT (min(d.decided_at) AT TIME ZONE 'Asia/Shanghai')::date FROM penalty_decision d WHERE d.case_id = c.id),
       'migration-V86',
       now()
FROM enforcement_case c;
