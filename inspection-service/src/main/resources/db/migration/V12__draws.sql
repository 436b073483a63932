-- Verifiable double-random draws (ADR 0007). The row is inserted with seed_hash only (the commitment) and
-- committed before any unit is read; the seed, the fingerprinted inputs and the result are added afterwards.
CREATE TABLE draw (
    id                     uuid PRIMARY KEY,
    plan_id                uuid NOT NULL REFERENCES inspection_plan (id),
    plan_row_id            uuid NOT NULL REFERENCES plan_row (id),
    city_code              varchar(6) NOT NULL,
    period_month           char(7) NOT NULL,
    status                 text NOT NULL CHECK (status IN ('COMMITTED', 'COMPLETED', 'FAILED')),
    seed_hash              char(64) NOT NULL,
    seed                   char(64),
    committed_at           timestamptz NOT NULL DEFAULT now(),
    -- recorded inputs: eligible units [{permitNumber, version, stratum}], targeted units, inspector pool,
    -- parameters (ratio, denominators, quotas, window, inspectors per unit, exclusions)
    eligible               jsonb,
    eligible_fingerprint   char(64),
    targeted               jsonb,
    inspectors             jsonb,
    inspectors_fingerprint char(64),
    parameters             jsonb,
    result                 jsonb,
    failure                text,
    completed_at           timestamptz,
    publish_not_before     date,
    published_at           timestamptz,
    published_by           text,
    created_by             text NOT NULL
);
CREATE INDEX draw_city_idx ON draw (city_code text_pattern_ops, period_month);
