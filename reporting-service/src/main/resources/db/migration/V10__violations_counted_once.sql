-- Issue 12.5: what 附件1's violation columns count, in one place.
-- A finding may continue an open case (FindingRecorded.continuesCaseId, optional: null in older events = a new
-- violation): a re-inspection that finds the same violation still there is not a new violation.
ALTER TABLE rm_finding ADD COLUMN continues_case_id uuid;

-- Every violation found, one row each (起): ACTIVE findings of on-site inspections (a corrected record counts once),
-- and cases opened from remote-check alerts (非现场监管), which have no finding. An alert that became a targeted task
-- is not here: the on-site inspection of that task records the finding. found_at decides the period: the inspection
-- for a finding, the opening of the case for a remote one. continues_case_id is set where the row is the same
-- violation continuing, which the summary reports apart and does not count again.
CREATE VIEW rm_violation AS
SELECT 'ON_SITE' AS source, finding_id AS violation_id, permit_number, city_code, county_code, key_industry,
       violation_type, inspected_at AS found_at, continues_case_id
FROM rm_finding WHERE status = 'ACTIVE'
UNION ALL
SELECT 'REMOTE', case_id, permit_number, city_code, county_code, key_industry, violation_type, opened_at, NULL
FROM rm_case WHERE origin = 'ALERT' AND opened_at IS NOT NULL AND violation_type IS NOT NULL;

CREATE INDEX rm_case_remote_idx ON rm_case (opened_at, county_code) WHERE origin = 'ALERT';
