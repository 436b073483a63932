-- 排污许可执法检查清单 (附件2). A version is a DRAFT until published; published versions are immutable (the
-- trigger below refuses changes), so a finished inspection that references a version never changes meaning.
-- The province's versions have division_code 140000-style codes; a city's addition version is based_on the
-- province version it extends and holds only the city's own items (item_no >= 100).
CREATE TABLE checklist_version (
    id             uuid PRIMARY KEY,
    code           text NOT NULL,
    version        int NOT NULL,
    division_code  varchar(6) NOT NULL,
    based_on       uuid REFERENCES checklist_version (id),
    status         text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
    title          text NOT NULL,
    note           text,
    published_at   timestamptz,
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (code, version),
    CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL))
);

CREATE INDEX checklist_version_division_idx ON checklist_version (division_code text_pattern_ops);

CREATE TABLE checklist_item (
    id                 uuid PRIMARY KEY,
    version_id         uuid NOT NULL REFERENCES checklist_version (id),
    item_no            int NOT NULL CHECK (item_no BETWEEN 1 AND 10 OR item_no >= 100),
    key_industry       text CHECK (key_industry IN
                           ('PAPER', 'STEEL', 'THERMAL_POWER', 'COKING', 'CEMENT', 'SEWAGE_TREATMENT', 'WATER_REUSE')),
    code               text NOT NULL,
    title              text NOT NULL,
    sub_points         jsonb NOT NULL,
    legal_basis        text NOT NULL,
    check_method       text NOT NULL CHECK (check_method IN ('ON_SITE', 'REMOTE', 'BOTH')),
    evidence_required  jsonb NOT NULL,
    violation_type     text NOT NULL CHECK (violation_type IN ('UNPERMITTED_DISCHARGE', 'UNPERMITTED_OUTLET',
                           'EXCEEDING_LIMITS', 'FACILITY_NOT_RUNNING', 'FUGITIVE_EMISSION', 'REDUCTION_NOT_IMPLEMENTED',
                           'SELF_MONITORING_FALSIFIED', 'LEDGER_INCOMPLETE', 'EXECUTION_REPORT_IRREGULAR',
                           'DISCLOSURE_NOT_IMPLEMENTED')),
    article            text NOT NULL,
    UNIQUE (version_id, code)
);

CREATE INDEX checklist_item_version_idx ON checklist_item (version_id, item_no);

-- Immutability of published versions is enforced in the database, not only in the service.
CREATE FUNCTION checklist_version_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'PUBLISHED' THEN
        RAISE EXCEPTION 'checklist version % is published and immutable', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER checklist_version_immutable_trg BEFORE UPDATE OR DELETE ON checklist_version
    FOR EACH ROW EXECUTE FUNCTION checklist_version_immutable();

CREATE FUNCTION checklist_item_immutable() RETURNS trigger AS $$
DECLARE
    v_status text;
BEGIN
    SELECT status INTO v_status FROM checklist_version
     WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.version_id ELSE OLD.version_id END;
    IF v_status = 'PUBLISHED' THEN
        RAISE EXCEPTION 'items of a published checklist version are immutable' USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER checklist_item_immutable_trg BEFORE INSERT OR UPDATE OR DELETE ON checklist_item
    FOR EACH ROW EXECUTE FUNCTION checklist_item_immutable();
