-- The directory page's total without counting the division's rows on every page (issue 21, session 12; ADR 0053).
-- `SELECT count(*) ... WHERE county_code LIKE '1401%'` visited one heap page per unit of the city (~9,000 at 100,000
-- units; an index-only scan needs an all-visible map, which every sync page clears): most of PostgreSQL's 7.2 ms per
-- page. The number of units per (county, plan-table industry, management category, permit status) is kept here,
-- exactly and in the same transaction as the change, so the unfiltered page — and one filtered by key industry,
-- category or status — sums a few dozen rows of the caller's division instead. Other filters (industry code, source
-- type, text) narrow the units anyway and still count them (DirectoryQueries.countSql).
--
-- Statement-level triggers over transition tables: a statement adds one row per group it changed, in key order, and an
-- UPDATE that leaves every counted column as it was (violation feedback, fed-back inspection dates, a source type, a
-- re-synced permit in the same county and status) nets to zero and writes nothing — so only the sync's page
-- transactions (one at a time) ever lock a counter row, and a bulk INSERT ... SELECT adds one row per group.
CREATE TABLE directory_unit_count (
    county_code          varchar(6)   NOT NULL,
    key_industry         varchar(24)  NOT NULL,
    management_category  varchar(16)  NOT NULL,
    status               varchar(16)  NOT NULL,
    -- No CHECK (units >= 0): an upsert's candidate row (a group's net change, possibly negative) is checked before
    -- it meets the existing row. DirectoryApiIT compares these counts with the units after every kind of change.
    units                bigint       NOT NULL,
    PRIMARY KEY (county_code, key_industry, management_category, status)
);

-- Division scope, the same prefix LIKE as directory_unit's.
CREATE INDEX directory_unit_count_county_prefix ON directory_unit_count (county_code text_pattern_ops);

CREATE FUNCTION directory_unit_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO directory_unit_count AS c (county_code, key_industry, management_category, status, units)
        SELECT county_code, key_industry, management_category, status, count(*)
        FROM new_units GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT (county_code, key_industry, management_category, status)
            DO UPDATE SET units = c.units + EXCLUDED.units;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE directory_unit_count c SET units = c.units - d.n
        FROM (SELECT county_code, key_industry, management_category, status, count(*) AS n
              FROM old_units GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4) d
        WHERE (c.county_code, c.key_industry, c.management_category, c.status)
            = (d.county_code, d.key_industry, d.management_category, d.status);
    ELSE
        INSERT INTO directory_unit_count AS c (county_code, key_industry, management_category, status, units)
        SELECT county_code, key_industry, management_category, status, sum(n)
        FROM (SELECT county_code, key_industry, management_category, status, -1 AS n FROM old_units
              UNION ALL
              SELECT county_code, key_industry, management_category, status, 1 FROM new_units) moved
        GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
        ON CONFLICT (county_code, key_industry, management_category, status)
            DO UPDATE SET units = c.units + EXCLUDED.units;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION directory_unit_count_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM directory_unit_count;
    RETURN NULL;
END $$;

CREATE TRIGGER directory_unit_count_insert AFTER INSERT ON directory_unit
    REFERENCING NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION directory_unit_count_apply();
CREATE TRIGGER directory_unit_count_update AFTER UPDATE ON directory_unit
    REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units
    FOR EACH STATEMENT EXECUTE FUNCTION directory_unit_count_apply();
CREATE TRIGGER directory_unit_count_delete AFTER DELETE ON directory_unit
    REFERENCING OLD TABLE AS old_units FOR EACH STATEMENT EXECUTE FUNCTION directory_unit_count_apply();
CREATE TRIGGER directory_unit_count_truncate AFTER TRUNCATE ON directory_unit
    FOR EACH STATEMENT EXECUTE FUNCTION directory_unit_count_clear();

-- The units already stored; the triggers above hold directory_unit's writers off until this commits.
INSERT INTO directory_unit_count (county_code, key_industry, management_category, status, units)
SELECT county_code, key_industry, management_category, status, count(*)
FROM directory_unit GROUP BY 1, 2, 3, 4;
