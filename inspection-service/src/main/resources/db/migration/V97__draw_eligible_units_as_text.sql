-- A draw's eligible units are recorded as their canonical text (ADR 0048): one line permit<TAB>version<TAB>stratum<LF>
-- per unit, sorted by permit number — the very bytes eligible_fingerprint is the SHA-256 of (ADR 0007). As jsonb,
-- 100,000 units were ~5 MB the service wrote as JSON and PostgreSQL parsed and compressed again on every draw, the
-- largest single cost of a draw beside the plain-SQL work (issue 21, docs/benchmarks.md "Session 11: draw").
ALTER TABLE draw ADD COLUMN eligible_units text, ADD COLUMN eligible_count integer;

-- Recorded draws keep their population: the same units in the same canonical form. Permit numbers are ASCII letters
-- and digits, so "C" order is Java's String order, the order the fingerprint sorts by.
UPDATE draw d
SET eligible_units = COALESCE((SELECT string_agg((e ->> 'permitNumber') || E'\t' || (e ->> 'version') || E'\t'
                                                     || (e ->> 'stratum') || E'\n', ''
                                                 ORDER BY e ->> 'permitNumber' COLLATE "C")
                               FROM jsonb_array_elements(d.eligible) e), ''),
    eligible_count = jsonb_array_length(d.eligible)
WHERE d.eligible IS NOT NULL;

ALTER TABLE draw DROP COLUMN eligible;

ALTER TABLE draw ADD CONSTRAINT draw_eligible_recorded_chk
    CHECK (status <> 'COMPLETED' OR (eligible_units IS NOT NULL AND eligible_count IS NOT NULL));
