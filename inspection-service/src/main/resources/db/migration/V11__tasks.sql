-- Inspection tasks: drawn units and hand-made targeted tasks. One task per unit and month across departments
-- (the merge rule against 多头检查): a second department's task for the same unit and month unions departments.
CREATE TABLE inspection_task (
    id             uuid PRIMARY KEY,
    permit_number  text NOT NULL,
    division_code  varchar(6) NOT NULL,
    city_code      varchar(6) NOT NULL,
    origin         text NOT NULL CHECK (origin IN ('DRAW', 'COMPLAINT', 'CLUE', 'ALERT', 'MANUAL')),
    draw_id        uuid,
    plan_id        uuid,
    method         text NOT NULL CHECK (method IN ('ON_SITE', 'REMOTE')),
    due_date       date NOT NULL,
    period_month   char(7) NOT NULL,
    status         text NOT NULL CHECK (status IN ('ASSIGNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
    departments    text[] NOT NULL,
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (permit_number, period_month)
);
CREATE INDEX inspection_task_division_idx ON inspection_task (division_code text_pattern_ops);
CREATE INDEX inspection_task_draw_idx ON inspection_task (draw_id);

CREATE TABLE task_inspector (
    task_id       uuid NOT NULL REFERENCES inspection_task (id),
    inspector_id  uuid NOT NULL REFERENCES inspector (id),
    PRIMARY KEY (task_id, inspector_id)
);
CREATE INDEX task_inspector_inspector_idx ON task_inspector (inspector_id);
