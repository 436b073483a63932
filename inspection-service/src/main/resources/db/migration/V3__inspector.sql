-- 执法检查人员名录库: certified officers who can be drawn for inspections. An INSPECTOR token's `sub` is id::text.
CREATE TABLE inspector (
    id              uuid PRIMARY KEY,
    certificate_no  text NOT NULL UNIQUE,
    name            text NOT NULL,
    division_code   varchar(6) NOT NULL,
    specialties     text[] NOT NULL DEFAULT '{}',
    on_post         boolean NOT NULL,
    phone           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX inspector_division_idx ON inspector (division_code text_pattern_ops);

-- Declared conflicts of interest (回避): a draw never sends an inspector to these units.
CREATE TABLE inspector_conflict (
    inspector_id   uuid NOT NULL REFERENCES inspector (id),
    permit_number  text NOT NULL,
    reason         text NOT NULL,
    declared_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (inspector_id, permit_number)
);

CREATE INDEX inspector_conflict_permit_idx ON inspector_conflict (permit_number);
