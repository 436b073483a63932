-- The checklist version an inspection in a city uses today, as one SQL function (issue 21): the city's latest
-- published addition version based on the province's latest published version, or the province's version itself when
-- the city has none; NULL when the province has published nothing. ChecklistCatalog.currentVersionFor asks it alone;
-- a record's creation asks it in the same statement that reads the task and its unit, one round trip instead of three.
-- STABLE: within one statement it sees one snapshot of checklist_version.
CREATE FUNCTION current_checklist_version(city text) RETURNS uuid
    LANGUAGE sql STABLE AS $$
    WITH prov AS (
        SELECT id FROM checklist_version
         WHERE division_code = substr(city, 1, 2) || '0000' AND based_on IS NULL AND status = 'PUBLISHED'
         ORDER BY version DESC LIMIT 1)
    SELECT coalesce((SELECT c.id FROM checklist_version c, prov
                      WHERE c.division_code = city AND c.based_on = prov.id AND c.status = 'PUBLISHED'
                      ORDER BY c.version DESC LIMIT 1),
                    (SELECT id FROM prov))
$$;
