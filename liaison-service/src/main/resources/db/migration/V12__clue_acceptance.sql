-- Issue 11.3: a clue is accepted or rejected by the bureau it is addressed to before anything happens; only an accepted
-- clue for ENFORCEMENT becomes an inspection task, and inspection-service answers whether it did (task_outcome).
-- status: CREATED → ACCEPTED → FEEDBACK_GIVEN → CLOSED, or CREATED → REJECTED; an ACCEPTED clue whose unit lies outside
-- the addressed division is REJECTED by inspection-service (rejection_reason 'unit-outside-division').
ALTER TABLE clue DROP CONSTRAINT clue_status_check;
UPDATE clue SET status = 'ACCEPTED' WHERE status = 'ACKNOWLEDGED';
ALTER TABLE clue ADD CONSTRAINT clue_status_check
    CHECK (status IN ('CREATED', 'ACCEPTED', 'REJECTED', 'FEEDBACK_GIVEN', 'CLOSED'));
-- Receipt was the old acknowledgement; acceptance replaces it, so the columns keep their history under the new name.
ALTER TABLE clue RENAME COLUMN acknowledged_by TO accepted_by;
ALTER TABLE clue RENAME COLUMN acknowledged_at TO accepted_at;
ALTER TABLE clue ADD COLUMN rejected_by text;
ALTER TABLE clue ADD COLUMN rejected_at timestamptz;
ALTER TABLE clue ADD COLUMN rejection_reason text;
-- inspection-service's answer to an accepted clue for ENFORCEMENT (ClueTaskDecided).
ALTER TABLE clue ADD COLUMN task_outcome text CHECK (task_outcome IN ('TASK_CREATED', 'REFUSED'));
ALTER TABLE clue ADD COLUMN task_outcome_reason text;
ALTER TABLE clue ADD COLUMN task_outcome_detail text;
ALTER TABLE clue ADD COLUMN task_id uuid;
ALTER TABLE clue ADD COLUMN task_outcome_at timestamptz;
