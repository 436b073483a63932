-- One OPEN task per unit and month (the merge rule against 多头检查), not one task of any status: a task that is
-- DONE (its record is submitted, inspection_record.task_id is unique) or CANCELLED cannot take another record, so a
-- later task of the same month (a rectification's follow-up, an alert's targeted task) must be a new task.
ALTER TABLE inspection_task DROP CONSTRAINT inspection_task_permit_number_period_month_key;
CREATE UNIQUE INDEX inspection_task_open_month_uq ON inspection_task (permit_number, period_month)
    WHERE status IN ('ASSIGNED', 'IN_PROGRESS');
CREATE INDEX inspection_task_permit_month_idx ON inspection_task (permit_number, period_month);
