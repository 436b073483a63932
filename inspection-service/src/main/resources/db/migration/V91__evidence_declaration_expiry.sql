-- A declared evidence file whose object never arrives (ADR 0042, docs/inspection/evidence.md): after its presigned
-- PUT's lifetime plus a grace period a scheduled job marks it EXPIRED. The row stays (who declared what, when); a file
-- arriving later is refused at confirmation and removed. upload_expires_at is the latest presigned PUT's expiry: a
-- retried declaration presigns again and moves it.
ALTER TABLE evidence_file ADD COLUMN upload_expires_at timestamptz;
ALTER TABLE evidence_file ADD COLUMN expired_at timestamptz;
UPDATE evidence_file SET upload_expires_at = declared_at + interval '15 minutes' WHERE status = 'DECLARED';

ALTER TABLE evidence_file DROP CONSTRAINT evidence_file_status_check;
ALTER TABLE evidence_file ADD CONSTRAINT evidence_file_status_check
    CHECK (status IN ('DECLARED', 'KEPT', 'REFUSED', 'EXPIRED'));
ALTER TABLE evidence_file ADD CONSTRAINT evidence_file_expired_at_check CHECK ((status = 'EXPIRED') = (expired_at IS NOT NULL));
ALTER TABLE evidence_file ADD CONSTRAINT evidence_file_declared_expiry_check
    CHECK (status <> 'DECLARED' OR upload_expires_at IS NOT NULL);

-- An expired declaration, like a refused one, does not block declaring the same bytes again.
DROP INDEX evidence_file_once_per_record;
CREATE UNIQUE INDEX evidence_file_once_per_record ON evidence_file (record_id, sha256)
    WHERE status NOT IN ('REFUSED', 'EXPIRED');
-- The job's scan: only open declarations, oldest expiry first.
CREATE INDEX evidence_file_declared_expiry_idx ON evidence_file (upload_expires_at) WHERE status = 'DECLARED';
