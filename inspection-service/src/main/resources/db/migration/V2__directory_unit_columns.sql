-- The projection keeps the fields draws, plans and tasks filter on as real columns (the full snapshot stays in
-- `snapshot`). `version` guards against an older snapshot overwriting a newer one; `last_inspected_at` is
-- owned by inspection-service itself (set when a record is submitted) and never taken from the topic.
ALTER TABLE directory_unit
    ADD COLUMN uscc                text,
    ADD COLUMN city_code           varchar(6),
    ADD COLUMN county_code         varchar(6),
    ADD COLUMN industry_code       text,
    ADD COLUMN key_industry        text,
    ADD COLUMN management_category text,
    ADD COLUMN status              text,
    ADD COLUMN without_permit      boolean,
    ADD COLUMN source_type         text,
    ADD COLUMN positive_list       boolean,
    ADD COLUMN version             bigint,
    ADD COLUMN last_inspected_at   timestamptz,
    -- the snapshot's changedAt: orders two snapshots of the same platform version (permit-sync re-publishes
    -- when its own derived fields change, e.g. the source type after a fed-back violation)
    ADD COLUMN changed_at          timestamptz;

ALTER TABLE directory_unit
    ADD CONSTRAINT directory_unit_key_industry_chk CHECK (key_industry IN
        ('PAPER', 'STEEL', 'THERMAL_POWER', 'COKING', 'CEMENT', 'SEWAGE_TREATMENT', 'WATER_REUSE', 'OTHER')),
    ADD CONSTRAINT directory_unit_category_chk CHECK (management_category IN ('KEY', 'SIMPLIFIED', 'REGISTRATION')),
    ADD CONSTRAINT directory_unit_status_chk CHECK (status IN ('VALID', 'EXPIRED', 'REVOKED', 'CANCELLED', 'WITHDRAWN')),
    ADD CONSTRAINT directory_unit_source_type_chk CHECK (source_type IN ('SPECIAL', 'KEY', 'GENERAL'));

-- division_code (the county) already has a text_pattern_ops index from V1.
CREATE INDEX directory_unit_key_industry_idx ON directory_unit (key_industry);
CREATE INDEX directory_unit_source_type_idx ON directory_unit (source_type);
CREATE INDEX directory_unit_city_idx ON directory_unit (city_code);
