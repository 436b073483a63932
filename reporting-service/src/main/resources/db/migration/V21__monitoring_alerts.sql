-- Issue 19: inspection-service republishes monitoring-service's alerts as AlertChanged with source MONITORING (and the
-- pollutant). Events from before the field carry no source and were all remote checks.
ALTER TABLE rm_alert ADD COLUMN source text NOT NULL DEFAULT 'REMOTE_CHECK';
ALTER TABLE rm_alert ADD COLUMN pollutant_code text;
CREATE INDEX rm_alert_source_idx ON rm_alert (source, raised_at, county_code);
