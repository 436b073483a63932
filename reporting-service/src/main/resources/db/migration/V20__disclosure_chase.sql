-- 一公开 chaser (issue 12.7): one row per draw and stage the chaser has raised, so a re-run (or a second replica)
-- raises nothing twice. Not a read model: a rebuild of the rm_* tables keeps it, since the chase already happened
-- (the liaisons were already told).
CREATE TABLE disclosure_chase (
    draw_id          uuid NOT NULL,
    stage            text NOT NULL CHECK (stage IN ('APPROACHING', 'OVERDUE')),
    city_code        text NOT NULL,
    period_month     text NOT NULL,
    checks_ended_on  date NOT NULL,
    due_on           date NOT NULL,
    flagged_on       date NOT NULL,
    flagged_at       timestamptz NOT NULL,
    PRIMARY KEY (draw_id, stage)
);
CREATE INDEX disclosure_chase_city_idx ON disclosure_chase (city_code, flagged_on);
-- The chaser looks for completed, unpublished draws; the overdue list joins tasks by draw.
CREATE INDEX rm_draw_unpublished_idx ON rm_draw (city_code) WHERE published_at IS NULL AND completed_at IS NOT NULL;
CREATE INDEX rm_task_draw_idx ON rm_task (draw_id) WHERE draw_id IS NOT NULL;
