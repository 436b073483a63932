-- Issued enforcement documents (ADR 0035). The 文号 comes from a counter row per issuing bureau, year and kind,
-- incremented by INSERT … ON CONFLICT DO UPDATE in the issuing transaction: the row lock serialises concurrent
-- issues, and a rolled-back issue rolls its increment back, so numbers have neither gaps nor duplicates.
CREATE TABLE document_number_counter (
    bureau_division  varchar(6) NOT NULL,
    year             int NOT NULL,
    kind             text NOT NULL,
    last_no          int NOT NULL CHECK (last_no >= 1),
    PRIMARY KEY (bureau_division, year, kind)
);

-- The bytes of both files are kept in the row (not in the S3 evidence store): the number, the bytes, their hashes and
-- the audit row commit together or not at all, and a document is small (tens of kB).
CREATE TABLE case_document (
    id                  uuid PRIMARY KEY,
    case_id             uuid NOT NULL REFERENCES enforcement_case (id),
    kind                text NOT NULL,
    subject_id          uuid,          -- the decision (DAILY_PENALTY_DECISION) or served document (SERVICE_RECEIPT)
    document_no         text NOT NULL UNIQUE,
    bureau_division     varchar(6) NOT NULL,
    year                int NOT NULL,
    seq                 int NOT NULL CHECK (seq >= 1),
    title               text NOT NULL,
    template_version    int NOT NULL,
    reissue_of          uuid REFERENCES case_document (id),
    reissue_reason      text,
    evidence            jsonb NOT NULL, -- the evidence files listed in the document, with their SHA-256
    docx                bytea NOT NULL,
    docx_sha256         char(64) NOT NULL,
    pdf                 bytea NOT NULL,
    pdf_sha256          char(64) NOT NULL,
    issued_by           text NOT NULL,
    issued_at           timestamptz NOT NULL,
    UNIQUE (bureau_division, year, kind, seq),
    FOREIGN KEY (kind, template_version) REFERENCES document_template (kind, version),
    CHECK ((reissue_of IS NULL) = (reissue_reason IS NULL))
);
CREATE INDEX case_document_case_idx ON case_document (case_id, issued_at);
-- One original per case, kind and subject; later copies are reissues (new number, with a reason), one per document.
CREATE UNIQUE INDEX case_document_original_uq ON case_document (case_id, kind, coalesce(subject_id, case_id))
    WHERE reissue_of IS NULL;
CREATE UNIQUE INDEX case_document_reissue_uq ON case_document (reissue_of) WHERE reissue_of IS NOT NULL;

-- An issued document is immutable: no statement may change or delete a row (TRUNCATE, used only by tests, is not a
-- row operation).
CREATE FUNCTION case_document_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'an issued document is immutable (case_document %)', OLD.id;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER case_document_no_change BEFORE UPDATE OR DELETE ON case_document
    FOR EACH ROW EXECUTE FUNCTION case_document_immutable();
