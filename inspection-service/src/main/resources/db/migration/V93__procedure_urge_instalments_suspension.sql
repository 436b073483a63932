-- The rest of the procedure (issue 20, ADR 0045, docs/inspection/cases.md#procedure): the 催告 before a court
-- enforcement application (行政强制法 第五十四条), deferral / instalments of the fine (行政处罚法 第六十六条), suspension
-- (中止) and termination (终止) of the investigation (生态环境行政处罚办法 第三十五条、第三十六条).
ALTER TABLE case_procedure DROP CONSTRAINT case_procedure_step_check;
ALTER TABLE case_procedure ADD CONSTRAINT case_procedure_step_check
    CHECK (step IN ('INVESTIGATING', 'NOTICE_SERVED', 'STATEMENT_HEARD', 'HEARING_REQUESTED', 'HEARING_HELD',
                    'REVIEWED', 'DECIDED', 'SERVED', 'INSTALMENTS', 'URGED', 'PAID', 'ENFORCEMENT_APPLIED',
                    'TERMINATED'));

-- A case terminated while investigating has neither a notice nor a decision: V86's unnamed check (a step past
-- INVESTIGATING has one of them) is found by its text and replaced by a named one that allows TERMINATED.
DO $$
DECLARE
    name text;
BEGIN
    SELECT conname INTO STRICT name FROM pg_constraint
    WHERE conrelid = 'case_procedure'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%notice_served_on IS NOT NULL%';
    EXECUTE format('ALTER TABLE case_procedure DROP CONSTRAINT %I', name);
END
$$;
ALTER TABLE case_procedure ADD CONSTRAINT case_procedure_step_dates_check
    CHECK (step IN ('INVESTIGATING', 'DECIDED', 'TERMINATED') OR notice_served_on IS NOT NULL OR decided_on IS NOT NULL);

ALTER TABLE case_procedure DROP CONSTRAINT case_procedure_next_due_kind_check;
ALTER TABLE case_procedure ADD CONSTRAINT case_procedure_next_due_kind_check
    CHECK (next_due_kind IN ('DECISION', 'SERVICE', 'PAYMENT', 'INSTALMENT', 'ENFORCEMENT'));

-- 催告: served when, how, deemed served, the party's last day to perform (10 working days, 行政强制法 第六十九条) and
-- the first day an application may be made (the later of that day + 1 and the end of the 复议/诉讼 periods + 1).
ALTER TABLE case_procedure ADD COLUMN urge_served_on date;
ALTER TABLE case_procedure ADD COLUMN urge_method text;
ALTER TABLE case_procedure ADD COLUMN urge_due date;
ALTER TABLE case_procedure ADD COLUMN enforcement_opens_on date;
ALTER TABLE case_procedure ADD COLUMN enforcement_court_case_no text;
ALTER TABLE case_procedure ADD CONSTRAINT case_procedure_urge_check
    CHECK ((urge_served_on IS NULL) = (urge_due IS NULL) AND (urge_due IS NULL) = (enforcement_opens_on IS NULL));

-- 暂缓 / 分期: the application and the bureau's answer; an approved schedule is case_instalment.
ALTER TABLE case_procedure ADD COLUMN deferral_applied_on date;
ALTER TABLE case_procedure ADD COLUMN deferral_reason text;
ALTER TABLE case_procedure ADD COLUMN deferral_decided_on date;
ALTER TABLE case_procedure ADD COLUMN deferral_approved boolean;
ALTER TABLE case_procedure ADD COLUMN deferral_approver text;

-- 中止: since when and why (null when running); the suspended days are added to excluded_days on resumption, the one
-- sum ProcedureRules.caseDue adds to the limit. 终止: the step TERMINATED with its day and reason.
ALTER TABLE case_procedure ADD COLUMN suspended_since date;
ALTER TABLE case_procedure ADD COLUMN suspension_reason text;
ALTER TABLE case_procedure ADD COLUMN suspended_days int NOT NULL DEFAULT 0 CHECK (suspended_days >= 0);
ALTER TABLE case_procedure ADD COLUMN terminated_on date;
ALTER TABLE case_procedure ADD COLUMN termination_reason text;
ALTER TABLE case_procedure ADD CONSTRAINT case_procedure_suspension_check
    CHECK ((suspended_since IS NULL) = (suspension_reason IS NULL));
ALTER TABLE case_procedure ADD CONSTRAINT case_procedure_termination_check
    CHECK ((step = 'TERMINATED') = (terminated_on IS NOT NULL));

-- An approved schedule: amounts in yuan with two decimals (fen), summing exactly to the fine (checked in Java under
-- the case lock before insert). One row paid once: paid_on and paid_yuan together, surcharge for that instalment only.
CREATE TABLE case_instalment (
    case_id       uuid NOT NULL REFERENCES enforcement_case (id),
    seq           int NOT NULL CHECK (seq >= 1),
    due_on        date NOT NULL,
    amount_yuan   numeric(14, 2) NOT NULL CHECK (amount_yuan > 0),
    paid_on       date,
    paid_yuan     numeric(14, 2),
    surcharge_yuan numeric(14, 2),
    PRIMARY KEY (case_id, seq),
    CHECK ((paid_on IS NULL) = (paid_yuan IS NULL) AND (paid_on IS NULL) = (surcharge_yuan IS NULL))
);
