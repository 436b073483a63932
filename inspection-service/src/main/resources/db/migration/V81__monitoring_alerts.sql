-- Issue 19: automatic-monitoring alerts (monitoring.alert.events.v1) become remote alerts next to the remote checks'
-- own, so one list, one review (task / case / dismissal) and one AlertChanged stream serve both. See
-- docs/inspection/remote-checks.md, "Monitoring alerts".

-- Where an alert comes from: a remote-check run over the directory, or monitoring-service's stream rules.
ALTER TABLE remote_alert ADD COLUMN source text NOT NULL DEFAULT 'REMOTE_CHECK'
    CHECK (source IN ('REMOTE_CHECK', 'MONITORING'));

-- A monitoring rule name is kept as received (the contract lets producers add rules before consumers know them), so
-- the rule list is enforced for remote-check alerts only.
ALTER TABLE remote_alert DROP CONSTRAINT remote_alert_rule_check;
ALTER TABLE remote_alert ADD CONSTRAINT remote_alert_rule_check
    CHECK (source <> 'REMOTE_CHECK' OR rule IN ('PERMIT_NOT_VALID_BUT_OPERATING', 'CATEGORY_TOO_LOW'));

-- A monitoring rule this service does not know yet has no violation type: it can be dismissed or tasked, not cased.
ALTER TABLE remote_alert ALTER COLUMN violation_type DROP NOT NULL;
ALTER TABLE remote_alert ALTER COLUMN article DROP NOT NULL;
ALTER TABLE remote_alert ADD CONSTRAINT remote_alert_remote_check_judged
    CHECK (source <> 'REMOTE_CHECK' OR (violation_type IS NOT NULL AND article IS NOT NULL));

-- What a monitoring alert is about and its numbers (the series itself is in evidence).
ALTER TABLE remote_alert
    ADD COLUMN mn                 text,
    ADD COLUMN outlet_code        text,
    ADD COLUMN pollutant_code     text,
    ADD COLUMN period_start       timestamptz,
    ADD COLUMN period_end         timestamptz,
    ADD COLUMN worst_value        double precision,
    ADD COLUMN limit_value        double precision,
    ADD COLUMN value_unit         text,
    ADD COLUMN standard           text,
    -- the producer's own state (OPEN / RESOLVED) and the stream time of the newest event applied: a reviewed alert
    -- keeps its review status when monitoring later resolves it, and an older event never overwrites a newer one
    ADD COLUMN source_status      text CHECK (source_status IN ('OPEN', 'RESOLVED')),
    ADD COLUMN source_changed_at  timestamptz,
    ADD COLUMN source_resolved_at timestamptz,
    ADD CONSTRAINT remote_alert_monitoring_state
        CHECK (source <> 'MONITORING' OR (source_status IS NOT NULL AND source_changed_at IS NOT NULL));

-- "At most one OPEN alert per unit and rule" is the remote-check runs' rule. Monitoring alerts are identified by the
-- producer's alert id (one per outlet, pollutant and episode), and two episodes' events may arrive out of order
-- (they are keyed by alert id, so they can sit on different partitions).
DROP INDEX remote_alert_open_uq;
CREATE UNIQUE INDEX remote_alert_open_uq ON remote_alert (permit_number, rule)
    WHERE status = 'OPEN' AND source = 'REMOTE_CHECK';
CREATE INDEX remote_alert_source_idx ON remote_alert (source, raised_at DESC);
