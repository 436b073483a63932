-- The heavy-pollution weather warning calendar (重污染天气预警) per city, declared and lifted through the API by the
-- province or the city (ADR 0039). Each state is also written to the outbox for the compacted
-- monitoring.warning.events.v1, which the alert stream holds as a table: while a warning covers an hour, the permit's
-- 重污染天气应对 limits judge it.
CREATE TABLE heavy_pollution_warning (
    id            uuid PRIMARY KEY,
    province_code varchar(6)  NOT NULL,
    city_code     varchar(6)  NOT NULL,
    level         varchar(8)  NOT NULL CHECK (level IN ('BLUE', 'YELLOW', 'ORANGE', 'RED')),
    starts_at     timestamptz NOT NULL,
    -- exclusive; NULL while open-ended (lifted later)
    ends_at       timestamptz,
    reference     varchar(100),
    declared_by   varchar(100) NOT NULL,
    declared_at   timestamptz NOT NULL,
    lifted_by     varchar(100),
    lifted_at     timestamptz,
    CHECK (ends_at IS NULL OR ends_at > starts_at)
);

-- Lists by city, newest first; the overlap check reads a city's warnings.
CREATE INDEX heavy_pollution_warning_city_idx ON heavy_pollution_warning (city_code, starts_at DESC, id DESC);
