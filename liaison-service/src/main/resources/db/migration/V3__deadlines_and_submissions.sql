-- Reporting obligations (报送要求) the province sets, their dated instances, and what cities submit against them.

-- An obligation is editable data. ONCE: one instance due on due_date. MONTHLY: one instance per month from
-- first_month to last_month, due on due_day (clamped to the month's last day).
CREATE TABLE deadline_obligation (
    id          uuid PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    title       text NOT NULL,
    description text,
    recurrence  text NOT NULL CHECK (recurrence IN ('ONCE', 'MONTHLY')),
    due_date    date,
    due_day     int CHECK (due_day BETWEEN 1 AND 31),
    first_month date,
    last_month  date,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((recurrence = 'ONCE' AND due_date IS NOT NULL)
        OR (recurrence = 'MONTHLY' AND due_day IS NOT NULL AND first_month IS NOT NULL AND last_month >= first_month))
);

-- One row per due date. period is 'ONCE' or 'YYYY-MM'. Submissions point here, so an edit of the obligation
-- moves due dates of existing instances instead of recreating them.
CREATE TABLE deadline_instance (
    id            uuid PRIMARY KEY,
    obligation_id uuid NOT NULL REFERENCES deadline_obligation (id),
    period        text NOT NULL,
    due_date      date NOT NULL,
    UNIQUE (obligation_id, period)
);
CREATE INDEX deadline_instance_due_idx ON deadline_instance (due_date);

-- Every submission is kept; a resubmission is the next version. Exactly one of document metadata or data.
CREATE TABLE deadline_submission (
    id            uuid PRIMARY KEY,
    instance_id   uuid NOT NULL REFERENCES deadline_instance (id),
    city_code     varchar(6) NOT NULL,
    version       int NOT NULL,
    file_name     text,
    sha256        char(64),
    size_bytes    bigint,
    content_type  text,
    data          jsonb,
    note          text,
    submitted_by  text NOT NULL,
    submitted_at  timestamptz NOT NULL,
    UNIQUE (instance_id, city_code, version),
    CHECK ((data IS NULL) <> (file_name IS NULL))
);
CREATE INDEX deadline_submission_city_idx ON deadline_submission (city_code text_pattern_ops);

-- Idempotency-Key of POST /api/v1/submissions: the first response is replayed for a retry of the same request.
CREATE TABLE submission_idempotency_key (
    caller          text NOT NULL,
    idempotency_key text NOT NULL,
    request_hash    text NOT NULL,
    submission_id   uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idempotency_key)
);
