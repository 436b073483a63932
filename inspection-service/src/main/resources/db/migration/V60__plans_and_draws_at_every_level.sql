-- Plans and draws at every level (issue 12.6, ADR 0013): county plans as children of their city's plan, ratios per
-- stratum (KEY / GENERAL / SPECIAL), 登记管理 units drawable where a row includes them, the province's random draw
-- for remote checks.

-- A plan belongs to the bureau that made it: a city (level CITY, division = city) or a county (level COUNTY,
-- division = county, parent = a published plan of its city). city_code stays the city for both, so the city's
-- scope (city_code LIKE '1401%') still covers its counties' plans.
ALTER TABLE inspection_plan
    ADD COLUMN level          text NOT NULL DEFAULT 'CITY' CHECK (level IN ('CITY', 'COUNTY')),
    ADD COLUMN division_code  varchar(6),
    ADD COLUMN parent_plan_id uuid REFERENCES inspection_plan (id);
UPDATE inspection_plan SET division_code = city_code;
ALTER TABLE inspection_plan ALTER COLUMN division_code SET NOT NULL;
ALTER TABLE inspection_plan ADD CONSTRAINT inspection_plan_parent_chk
    CHECK ((level = 'CITY' AND parent_plan_id IS NULL) OR (level = 'COUNTY' AND parent_plan_id IS NOT NULL));
CREATE INDEX inspection_plan_division_idx ON inspection_plan (division_code text_pattern_ops, plan_year);

-- Existing rows keep what their draws did: KEY and GENERAL at the row's ratio, SPECIAL fully covered (ratio 1),
-- registrations excluded. Their per-stratum denominators and units per round were never stored: NULL means "no
-- shared budget" for draws of those legacy rows (they draw exactly as before).
ALTER TABLE plan_row
    ADD COLUMN ratio_key               numeric(5, 4),
    ADD COLUMN ratio_general           numeric(5, 4),
    ADD COLUMN ratio_special           numeric(5, 4),
    ADD COLUMN include_registration    boolean NOT NULL DEFAULT false,
    ADD COLUMN parent_row_id           uuid REFERENCES plan_row (id),
    ADD COLUMN stratum_denominators    jsonb,
    ADD COLUMN stratum_units_per_round jsonb;
UPDATE plan_row SET ratio_key = ratio, ratio_general = ratio, ratio_special = 1;
ALTER TABLE plan_row
    ALTER COLUMN ratio_key SET NOT NULL,
    ALTER COLUMN ratio_general SET NOT NULL,
    ALTER COLUMN ratio_special SET NOT NULL,
    ADD CONSTRAINT plan_row_stratum_ratios_chk CHECK (ratio_key BETWEEN 0 AND 1 AND ratio_general BETWEEN 0 AND 1
                                                      AND ratio_special BETWEEN 0 AND 1);
CREATE INDEX plan_row_parent_idx ON plan_row (parent_row_id);

-- A draw is a city's, a county's (for a row of its county plan) or the province's (remote checks, no plan).
-- quota_row_id is the row whose units per round the draw consumes: the city row for city and county draws alike.
ALTER TABLE draw
    ALTER COLUMN plan_id DROP NOT NULL,
    ALTER COLUMN plan_row_id DROP NOT NULL,
    ADD COLUMN level               text NOT NULL DEFAULT 'CITY' CHECK (level IN ('CITY', 'COUNTY', 'PROVINCE')),
    ADD COLUMN division_code       varchar(6),
    ADD COLUMN quota_row_id        uuid REFERENCES plan_row (id),
    ADD COLUMN remote_check_run_id uuid;
UPDATE draw SET division_code = city_code, quota_row_id = plan_row_id;
ALTER TABLE draw ALTER COLUMN division_code SET NOT NULL;
ALTER TABLE draw ADD CONSTRAINT draw_plan_chk CHECK (level = 'PROVINCE' OR (plan_id IS NOT NULL AND plan_row_id IS NOT NULL));
CREATE INDEX draw_quota_idx ON draw (quota_row_id, period_month);
CREATE INDEX draw_division_idx ON draw (division_code text_pattern_ops);

-- A remote-check run started by a province draw covers only the drawn units.
ALTER TABLE remote_check_run DROP CONSTRAINT remote_check_run_trigger_check;
ALTER TABLE remote_check_run
    ADD CONSTRAINT remote_check_run_trigger_check CHECK (trigger IN ('SCHEDULE', 'ON_DEMAND', 'DRAW')),
    ADD COLUMN draw_id uuid,
    ADD COLUMN unit_count integer;
