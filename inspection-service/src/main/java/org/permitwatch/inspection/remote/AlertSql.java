package org.permitwatch.inspection.remote;

/**
 * The set-based statements of a run: one per rule. Each is a {@code hit} CTE (the units of the scope that break the
 * rule, with their evidence) followed by the same three data-modifying CTEs — refresh the OPEN alerts still hit,
 * raise alerts for new hits, resolve OPEN alerts no longer hit — so a run costs one statement per rule whatever
 * the directory's size.
 */
final class AlertSql {

    /** Validity date from the snapshot; a malformed value counts as unknown instead of failing the whole run. */
    private static final String VALID_TO = """
            CASE WHEN u.snapshot ->> 'validTo' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
                 THEN CAST(u.snapshot ->> 'validTo' AS date) END""";

    private static final String UNIT_COLUMNS = """
            u.permit_number, u.unit_name, u.division_code AS county_code,
            coalesce(u.city_code, substr(u.division_code, 1, 4) || '00') AS city_code,
            substr(u.division_code, 1, 2) || '0000' AS province_code, u.industry_code, u.key_industry""";

    /** A run started by a province draw covers the drawn units only; other runs bind {@code :units} to NULL. */
    private static final String IN_UNITS =
            "(CAST(:units AS text[]) IS NULL OR u.permit_number = ANY(CAST(:units AS text[])))";

    private static final String NOT_CLOSED = """
            NOT EXISTS (SELECT 1 FROM remote_unit_closure c WHERE c.permit_number = u.permit_number)""";

    /**
     * Permit holders (KEY/SIMPLIFIED; registration units hold no permit) whose status is EXPIRED, REVOKED, CANCELLED
     * or WITHDRAWN, or VALID with a validity end before today (the platform's status lags), without a verified
     * closure.
     */
    static final String PERMIT_NOT_VALID_HITS = """
            WITH hit AS (
                SELECT %s,
                       s.effective_status || '|' || coalesce(CAST(v.valid_to AS text), '') AS condition_key,
                       jsonb_build_object(
                           'status', u.status,
                           'effectiveStatus', s.effective_status,
                           'validTo', v.valid_to,
                           'daysSinceExpiry', CASE WHEN v.valid_to < CAST(:today AS date)
                                                   THEN CAST(:today AS date) - v.valid_to END,
                           'managementCategory', u.management_category,
                           'industryCode', u.industry_code,
                           'industryName', u.snapshot ->> 'industryName',
                           'ruleNote', CAST(:statusNotes AS jsonb) ->> s.effective_status,
                           'rulesVersion', CAST(:rulesVersion AS text),
                           'asOf', CAST(:today AS date),
                           'snapshotVersion', u.version,
                           'snapshotChangedAt', u.changed_at) AS evidence
                FROM directory_unit u
                CROSS JOIN LATERAL (SELECT %s AS valid_to) v
                CROSS JOIN LATERAL (SELECT CASE WHEN u.status = 'VALID' THEN 'EXPIRED' ELSE u.status END
                                    AS effective_status) s
                WHERE u.division_code LIKE :scope AND %s
                  AND u.management_category IN ('KEY', 'SIMPLIFIED')
                  AND (u.status IN ('EXPIRED', 'REVOKED', 'CANCELLED', 'WITHDRAWN')
                       OR (u.status = 'VALID' AND v.valid_to < CAST(:today AS date)))
                  AND %s
            )
            """.formatted(UNIT_COLUMNS, VALID_TO, IN_UNITS, NOT_CLOSED);

    /** Units whose category ranks below the minimum the rules file sets for their industry code. */
    static final String CATEGORY_TOO_LOW_HITS = """
            WITH rules AS (
                SELECT * FROM unnest(CAST(:codes AS text[]), CAST(:minimums AS text[]), CAST(:notes AS text[]),
                                     CAST(:names AS text[])) AS r(industry_code, minimum_category, note, industry_name)
            ),
            hit AS (
                SELECT %s,
                       u.management_category || '<' || r.minimum_category AS condition_key,
                       jsonb_build_object(
                           'managementCategory', u.management_category,
                           'requiredCategory', r.minimum_category,
                           'industryCode', u.industry_code,
                           'industryName', coalesce(u.snapshot ->> 'industryName', r.industry_name),
                           'ruleNote', r.note,
                           'rulesVersion', CAST(:rulesVersion AS text),
                           'rulesEffectiveFrom', CAST(:effectiveFrom AS date),
                           'status', u.status,
                           'validTo', %s,
                           'asOf', CAST(:today AS date),
                           'snapshotVersion', u.version,
                           'snapshotChangedAt', u.changed_at) AS evidence
                FROM directory_unit u JOIN rules r ON r.industry_code = u.industry_code
                WHERE u.division_code LIKE :scope AND %s
                  AND array_position(ARRAY['REGISTRATION', 'SIMPLIFIED', 'KEY'], u.management_category)
                      < array_position(ARRAY['REGISTRATION', 'SIMPLIFIED', 'KEY'], r.minimum_category)
                  AND %s
            )
            """.formatted(UNIT_COLUMNS, VALID_TO, IN_UNITS, NOT_CLOSED);

    private static final String RETURNED = AlertChange.COLUMNS;
    /** The same columns qualified: the refresh joins {@code hit}, which has columns of the same names. */
    private static final String RETURNED_A = "a." + RETURNED.replace(", ", ", a.");

    /**
     * Appended to a rule's {@code hit} CTE. A new alert is raised only when the unit has no OPEN alert for the rule
     * and no reviewed alert for the same condition (a dismissed or tasked alert is not raised again every night).
     * All CTEs see the same snapshot, so refresh, raise and resolve are disjoint.
     */
    /**
     * The alert's article: the 项 for the hit's permit status where the rules name one (an expired permit is
     * art. 33(2), a revoked, cancelled or withdrawn one 33(3)), else the rule's article.
     */
    static final String ARTICLE =
            "coalesce(CAST(:statusArticles AS jsonb) ->> (h.evidence ->> 'effectiveStatus'), :article)";

    static final String APPLY = """
            , refreshed AS (
                UPDATE remote_alert a
                   SET evidence = h.evidence, condition_key = h.condition_key, rule_version = :rulesVersion,
                       unit_name = h.unit_name, industry_code = h.industry_code, key_industry = h.key_industry,
                       violation_type = :violationType, article = %3$s, last_run_id = :runId, updated_at = now()
                  FROM hit h
                 WHERE a.permit_number = h.permit_number AND a.rule = :rule AND a.status = 'OPEN'
                RETURNING %1$s
            ),
            raised AS (
                INSERT INTO remote_alert (id, rule, rule_version, permit_number, unit_name, province_code, city_code,
                                          county_code, industry_code, key_industry, violation_type, article,
                                          condition_key, evidence, status, raised_run_id, last_run_id)
                SELECT gen_random_uuid(), :rule, :rulesVersion, h.permit_number, h.unit_name, h.province_code,
                       h.city_code, h.county_code, h.industry_code, h.key_industry, :violationType, %3$s,
                       h.condition_key, h.evidence, 'OPEN', :runId, :runId
                  FROM hit h
                 WHERE NOT EXISTS (SELECT 1 FROM remote_alert a
                                    WHERE a.permit_number = h.permit_number AND a.rule = :rule
                                      AND (a.status = 'OPEN' OR (a.status IN ('DISMISSED', 'TASKED', 'CASED')
                                                                 AND a.condition_key = h.condition_key)))
                ON CONFLICT (permit_number, rule) WHERE status = 'OPEN' AND source = 'REMOTE_CHECK' DO NOTHING
                RETURNING %2$s
            ),
            resolved AS (
                UPDATE remote_alert a
                   SET status = 'RESOLVED', resolved_at = now(), updated_at = now(), last_run_id = :runId
                 WHERE a.rule = :rule AND a.status = 'OPEN' AND a.county_code LIKE :scope
                   AND (CAST(:units AS text[]) IS NULL OR a.permit_number = ANY(CAST(:units AS text[])))
                   AND NOT EXISTS (SELECT 1 FROM hit h WHERE h.permit_number = a.permit_number)
                RETURNING %1$s
            )
            SELECT 'RAISED' AS change, %2$s FROM raised
            UNION ALL SELECT 'RESOLVED', %2$s FROM resolved
            UNION ALL SELECT 'UPDATED', %2$s FROM refreshed
            """.formatted(RETURNED_A, RETURNED, ARTICLE);

    private AlertSql() {}
}
