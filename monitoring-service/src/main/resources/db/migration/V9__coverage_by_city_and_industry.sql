-- 联网率 and 传输有效率 per city and per industry (issue 19, "Reports"), not only per county: the directory projection
-- keeps the unit's industry (GB/T 4754 code and name, and the plan table's row, keyIndustry), and the view that holds
-- the "must be monitored automatically" rule exposes the city and the industry row next to the county.
-- Rows projected before this version have no industry until their next snapshot or a rebuild of the projection
-- (POST /api/v1/monitoring/directory/rebuild): the coverage counts them under OTHER, as every report does for an
-- unknown industry (KeyIndustry.parse).
ALTER TABLE directory_unit ADD COLUMN industry_code text, ADD COLUMN industry_name text, ADD COLUMN key_industry text;

-- Same rule as V3, two columns appended (CREATE OR REPLACE VIEW may only add columns at the end).
CREATE OR REPLACE VIEW required_monitoring AS
SELECT u.county_code, u.permit_no, u.unit_name, s ->> 'outletCode' AS outlet_code,
       (SELECT o ->> 'outletName' FROM jsonb_array_elements(u.outlets) o
        WHERE o ->> 'outletCode' = s ->> 'outletCode' LIMIT 1) AS outlet_name,
       s ->> 'pollutantCode' AS pollutant,
       u.city_code, coalesce(u.key_industry, 'OTHER') AS key_industry
FROM directory_unit u CROSS JOIN LATERAL jsonb_array_elements(u.self_monitoring) s
WHERE u.self_monitoring IS NOT NULL AND u.status = 'VALID' AND s ->> 'method' = '自动'
UNION
SELECT u.county_code, u.permit_no, u.unit_name, o ->> 'outletCode', o ->> 'outletName', NULL,
       u.city_code, coalesce(u.key_industry, 'OTHER')
FROM directory_unit u CROSS JOIN LATERAL jsonb_array_elements(u.outlets) o
WHERE u.self_monitoring IS NULL AND u.status = 'VALID' AND u.management_category = 'KEY'
  AND o ->> 'outletType' = '主要排放口';
