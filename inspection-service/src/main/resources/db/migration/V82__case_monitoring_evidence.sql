-- Issue 19 / ADR 0034: a case opened from a monitoring alert keeps a frozen copy of the alert's evidence (the series,
-- limit, validity flags and rule parameters) exactly as the reviewer saw it, with its SHA-256. The alert keeps
-- following monitoring-service (a later RESOLVED, a replay); the case file never changes.
CREATE TABLE case_monitoring_evidence (
    case_id    uuid PRIMARY KEY REFERENCES enforcement_case (id),
    alert_id   uuid NOT NULL REFERENCES remote_alert (id),
    -- the JSON text as frozen, byte for byte: the hash is over this text, so it is text, not jsonb (jsonb would
    -- re-order keys and change the bytes)
    content    text NOT NULL,
    sha256     char(64) NOT NULL,
    frozen_by  text NOT NULL,
    frozen_at  timestamptz NOT NULL,
    CHECK (sha256 = encode(sha256(convert_to(content, 'UTF8')), 'hex'))
);
CREATE INDEX case_monitoring_evidence_alert_idx ON case_monitoring_evidence (alert_id);

-- Written once: an UPDATE or DELETE is an error whoever tries it (test clean-up truncates, which is not a row change).
CREATE FUNCTION case_monitoring_evidence_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case_monitoring_evidence is frozen: % of case % cannot change', TG_OP, OLD.case_id;
END;
$$;
CREATE TRIGGER case_monitoring_evidence_frozen BEFORE UPDATE OR DELETE ON case_monitoring_evidence
    FOR EACH ROW EXECUTE FUNCTION case_monitoring_evidence_frozen();
