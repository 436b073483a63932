-- The permit's own self-monitoring table (自行监测要求), carried by the directory snapshot since this version:
-- [{outletCode, pollutantCode, method (自动/手工), frequency, networked}]. NULL: the snapshot did not carry it (written
-- before permit-sync sent it); [] : the permit lists none.
ALTER TABLE directory_unit ADD COLUMN self_monitoring jsonb;

-- What must be monitored automatically, per permit, outlet and pollutant: the one rule that the unmonitored-outlet
-- list (PointStore) and the coverage figures (MonitoringQueries) both read.
--  * A permit whose snapshot carries the table: its rows with method 自动, on a VALID permit, whatever the management
--    category or outlet type (the permit says what it says).
--  * A permit whose snapshot does not carry it yet: the former approximation, 主要排放口 of VALID 重点管理 permits,
--    pollutant NULL = "the pollutants registered on the outlet's points".
CREATE VIEW required_monitoring AS
SELECT u.county_code, u.permit_no, u.unit_name, s ->> 'outletCode' AS outlet_code,
       (SELECT o ->> 'outletName' FROM jsonb_array_elements(u.outlets) o
        WHERE o ->> 'outletCode' = s ->> 'outletCode' LIMIT 1) AS outlet_name,
       s ->> 'pollutantCode' AS pollutant
FROM directory_unit u CROSS JOIN LATERAL jsonb_array_elements(u.self_monitoring) s
WHERE u.self_monitoring IS NOT NULL AND u.status = 'VALID' AND s ->> 'method' = '自动'
UNION
SELECT u.county_code, u.permit_no, u.unit_name, o ->> 'outletCode', o ->> 'outletName', NULL
FROM directory_unit u CROSS JOIN LATERAL jsonb_array_elements(u.outlets) o
WHERE u.self_monitoring IS NULL AND u.status = 'VALID' AND u.management_category = 'KEY'
  AND o ->> 'outletType' = '主要排放口';
