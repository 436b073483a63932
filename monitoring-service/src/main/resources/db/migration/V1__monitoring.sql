-- monitoring-service baseline (issue 18). The library's tables (outbox_event, processed_event, audit_log) are migrated
-- by platform-support under support_schema_history; this history only holds the service's own schema.

-- The directory's permits and outlets as far as this service needs them, projected from permit-sync's compacted
-- changelog (directory.unit.events.v1); never written otherwise.
CREATE TABLE directory_unit (
    permit_no            text PRIMARY KEY,
    unit_name            text NOT NULL,
    city_code            varchar(6) NOT NULL,
    county_code          varchar(6) NOT NULL,
    management_category  text NOT NULL,
    status               text NOT NULL,
    -- [{outletCode, outletName, medium, outletType, pollutants: [{pollutantCode, pollutantName, hourlyLimit, ...}]}]
    outlets              jsonb NOT NULL DEFAULT '[]',
    version              bigint,
    changed_at           timestamptz,
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX directory_unit_county_idx ON directory_unit (county_code text_pattern_ops);

-- A monitoring point (监控点): the data-acquisition unit's MN bound to a permit's outlet and the pollutants it sends.
-- The outlet need not be on the permit (an import may say otherwise): that is shown, not refused.
CREATE TABLE monitoring_point (
    id             uuid PRIMARY KEY,
    mn             varchar(24) NOT NULL UNIQUE,
    -- The HJ 212 access password (PW) travels in clear in every frame; it is kept to compare, never shown by the API.
    password       varchar(64) NOT NULL,
    permit_no      text NOT NULL,
    outlet_code    text NOT NULL,
    pollutants     text[] NOT NULL,
    division_code  varchar(6) NOT NULL,
    source         text NOT NULL DEFAULT 'API',
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX monitoring_point_division_idx ON monitoring_point (division_code text_pattern_ops);
CREATE INDEX monitoring_point_permit_idx ON monitoring_point (permit_no, outlet_code);

-- Series of minute (2051), hourly (2061) and daily (2031) values, one row per MN + DataTime + pollutant (the CN is the
-- table): the same value received twice is one row. Partitioned by month of data_time (Beijing months); partitions
-- are created ahead and dropped after the retention by PartitionMaintenance (docs/monitoring.md#retention).
CREATE TABLE minute_value (
    mn           varchar(24) NOT NULL,
    data_time    timestamptz NOT NULL,
    pollutant    varchar(12) NOT NULL,
    avg          numeric NOT NULL,
    min          numeric,
    max          numeric,
    cou          numeric,
    flag         char(1) NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (mn, pollutant, data_time)
) PARTITION BY RANGE (data_time);

CREATE TABLE hourly_value (LIKE minute_value INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    PRIMARY KEY (mn, pollutant, data_time)) PARTITION BY RANGE (data_time);
CREATE TABLE daily_value (LIKE minute_value INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
    PRIMARY KEY (mn, pollutant, data_time)) PARTITION BY RANGE (data_time);

-- The newest value per MN and pollutant, of any CN (2011 real-time included): what a unit's page shows live.
CREATE TABLE latest_value (
    mn           varchar(24) NOT NULL,
    pollutant    varchar(12) NOT NULL,
    cn           varchar(4) NOT NULL,
    data_time    timestamptz NOT NULL,
    value        numeric NOT NULL,
    flag         char(1) NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (mn, pollutant)
);
