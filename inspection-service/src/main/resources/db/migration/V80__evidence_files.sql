-- Evidence files really kept (issue 20, ADR 0031): a declaration per file of an inspection record. The file itself is an
-- object in S3 under object_key, derived from the id, written once (If-None-Match: *) and never overwritten. A file
-- whose bytes do not match the declaration is removed from storage; its declaration stays as REFUSED with the reason.
CREATE TABLE evidence_file (
    id              uuid PRIMARY KEY,
    record_id       uuid NOT NULL REFERENCES inspection_record (id),
    object_key      text NOT NULL UNIQUE,
    file_name       text NOT NULL,
    media_type      text NOT NULL,
    size            bigint NOT NULL CHECK (size > 0),
    sha256          char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    taken_at        timestamptz NOT NULL,
    latitude        double precision,
    longitude       double precision,
    status          text NOT NULL CHECK (status IN ('DECLARED', 'KEPT', 'REFUSED')),
    refusal_reason  text,
    declared_by     text NOT NULL,
    declared_at     timestamptz NOT NULL,
    confirmed_by    text,
    confirmed_at    timestamptz,
    CHECK ((status = 'REFUSED') = (refusal_reason IS NOT NULL)),
    CHECK ((status = 'KEPT') = (confirmed_at IS NOT NULL))
);
-- A retried declaration of the same file (same bytes) for the same record is the same declaration, unless the earlier
-- one was refused: a corrected upload is a new declaration next to the refused one.
CREATE UNIQUE INDEX evidence_file_once_per_record ON evidence_file (record_id, sha256) WHERE status <> 'REFUSED';
CREATE INDEX evidence_file_record_idx ON evidence_file (record_id, declared_at);
