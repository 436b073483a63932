-- Object directory (检查对象名录库) and the bookkeeping of syncs from the national platform.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE directory_unit (
    permit_no            varchar(64)  PRIMARY KEY,
    uscc                 varchar(32)  NOT NULL,
    unit_name            text         NOT NULL,
    province_code        varchar(6)   NOT NULL,
    city_code            varchar(6)   NOT NULL,
    county_code          varchar(6)   NOT NULL,
    industry_code        varchar(8)   NOT NULL,
    industry_name        text,
    key_industry         varchar(24)  NOT NULL,
    management_category  varchar(16)  NOT NULL,
    status               varchar(16)  NOT NULL,
    issue_date           date,
    valid_from           date,
    valid_to             date,
    issuing_authority    text,
    without_permit       boolean      NOT NULL,
    source_type          varchar(16)  NOT NULL,
    positive_list        boolean      NOT NULL DEFAULT false,
    address              text,
    legal_representative text,
    longitude            double precision,
    latitude             double precision,
    -- Outlets with their pollutant limits, and the other permit obligations, are always read and replaced
    -- as a whole together with the permit version they belong to and never filtered on here: jsonb keeps an
    -- upsert one row per permit instead of delete+insert of child rows.
    outlets              jsonb        NOT NULL DEFAULT '[]'::jsonb,
    obligations          jsonb        NOT NULL DEFAULT '{}'::jsonb,
    -- Fed back by later processes (inspections, cases); a sync never overwrites them.
    last_inspected_at    timestamptz,
    violation_count      integer      NOT NULL DEFAULT 0,
    version              bigint       NOT NULL,
    platform_updated_at  timestamptz  NOT NULL,
    created_at           timestamptz  NOT NULL DEFAULT now(),
    changed_at           timestamptz  NOT NULL DEFAULT now()
);

-- Division scope: county_code starts with the province and city digits, so one prefix LIKE serves every level.
CREATE INDEX directory_unit_county_prefix ON directory_unit (county_code text_pattern_ops);
CREATE INDEX directory_unit_industry ON directory_unit (industry_code);
CREATE INDEX directory_unit_key_industry ON directory_unit (key_industry);
CREATE INDEX directory_unit_category ON directory_unit (management_category);
CREATE INDEX directory_unit_status ON directory_unit (status);
CREATE INDEX directory_unit_source_type ON directory_unit (source_type);
-- Free text on name or permit number is a substring search: trigram GIN indexes make ILIKE '%x%' indexable.
CREATE INDEX directory_unit_name_trgm ON directory_unit USING gin (unit_name gin_trgm_ops);
CREATE INDEX directory_unit_permit_trgm ON directory_unit USING gin (permit_no gin_trgm_ops);

CREATE TABLE sync_run (
    id                   uuid         PRIMARY KEY,
    mode                 varchar(16)  NOT NULL CHECK (mode IN ('FULL', 'INCREMENTAL')),
    status               varchar(16)  NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'PAUSED')),
    trigger              varchar(16)  NOT NULL,
    actor                text,
    started_at           timestamptz  NOT NULL,
    finished_at          timestamptz,
    -- Lower bound asked of the platform (null = everything) and the highest updatedAt stored so far.
    watermark_from       timestamptz,
    watermark_to         timestamptz,
    -- Keyset checkpoint: last (updatedAt, permitNo) committed, and the page number within that updatedAt.
    cursor_updated_at    timestamptz,
    cursor_permit_no     varchar(64),
    cursor_page_no       integer      NOT NULL DEFAULT 1,
    pages                integer      NOT NULL DEFAULT 0,
    fetched              integer      NOT NULL DEFAULT 0,
    created              integer      NOT NULL DEFAULT 0,
    updated              integer      NOT NULL DEFAULT 0,
    unchanged            integer      NOT NULL DEFAULT 0,
    failed               integer      NOT NULL DEFAULT 0,
    pause_count          integer      NOT NULL DEFAULT 0,
    last_error           text
);

-- At most one unfinished run: a second trigger while one is RUNNING or PAUSED cannot insert another.
CREATE UNIQUE INDEX sync_run_single_active ON sync_run ((true)) WHERE status IN ('RUNNING', 'PAUSED');
CREATE INDEX sync_run_started ON sync_run (started_at DESC);

CREATE TABLE sync_failure (
    id                   bigserial    PRIMARY KEY,
    run_id               uuid         NOT NULL REFERENCES sync_run (id),
    permit_no            varchar(64),
    stage                varchar(16)  NOT NULL,
    reason               text         NOT NULL,
    occurred_at          timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX sync_failure_run ON sync_failure (run_id, id);
