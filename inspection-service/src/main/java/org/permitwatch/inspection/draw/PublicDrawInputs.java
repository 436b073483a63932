package org.permitwatch.inspection.draw;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a citizen needs to re-run the unit selection of a published draw (ADR 0027): the commitment and the revealed
 * seed, the quotas, the targeted units and one page of the population in canonical order (permit number, Java's
 * String order, as the draw stored it). Never the officer pool, workloads or conflicts
 * (personal data), and nothing of a draw that is not both COMPLETED and published: a draft, an unrevealed or an
 * unpublished draw reads as missing, so the endpoint tells an anonymous caller nothing about it.
 */
@Component
class PublicDrawInputs {

    /** Bounded so one request stays cheap; 5,000 units ≈ 300 KB of JSON, 100,000 units = 20 requests. */
    static final int MAX_SIZE = 5000;

    static final int DEFAULT_SIZE = 2000;

    private static final TypeReference<List<DrawAlgorithm.Candidate>> CANDIDATES = new TypeReference<>() {};
    private static final TypeReference<Map<String, Integer>> QUOTAS = new TypeReference<>() {};

    private final DatabaseClient db;
    private final JsonMapper json;

    PublicDrawInputs(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Empty when the draw is unknown, not completed or not published. */
    Mono<DrawViews.PublicInputs> page(UUID id, int page, int size) {
        // The page is cut in SQL so only `size` units are sent. The stored population is its canonical text, sorted by
        // permit number (ADR 0048): a page is a run of its lines, in stored order.
        return db.sql("""
                        SELECT d.id, d.city_code, d.division_code, d.level, d.period_month, d.seed_hash, d.seed,
                               d.committed_at, d.published_at, d.eligible_fingerprint,
                               d.parameters ->> 'algorithm' AS algorithm, (d.parameters -> 'quotas')::text AS quotas,
                               COALESCE(d.targeted, '[]')::text AS targeted,
                               COALESCE(d.eligible_count, 0) AS total,
                               (SELECT COALESCE(string_agg(p.line || E'\\n', '' ORDER BY p.n), '')
                                FROM (SELECT x.line, x.n
                                      FROM string_to_table(COALESCE(d.eligible_units, ''), E'\\n') WITH ORDINALITY
                                           AS x(line, n)
                                      WHERE x.line <> ''
                                      ORDER BY x.n LIMIT :limit OFFSET :offset) p) AS eligible
                        FROM draw d
                        WHERE d.id = :id AND d.status = 'COMPLETED' AND d.seed IS NOT NULL
                          AND d.published_at IS NOT NULL""")
                .bind("id", id)
                .bind("limit", size)
                .bind("offset", (long) page * size)
                .map(r -> new Row(
                        r.get("id", UUID.class),
                        r.get("city_code", String.class),
                        r.get("division_code", String.class),
                        r.get("level", String.class),
                        r.get("period_month", String.class),
                        r.get("algorithm", String.class),
                        r.get("seed_hash", String.class),
                        r.get("seed", String.class),
                        r.get("committed_at", OffsetDateTime.class),
                        r.get("published_at", OffsetDateTime.class),
                        r.get("eligible_fingerprint", String.class),
                        r.get("quotas", String.class),
                        r.get("targeted", String.class),
                        r.get("eligible", String.class),
                        r.get("total", Integer.class)))
                .one()
                .flatMap(row ->
                        Mono.fromCallable(() -> row.view(json, page, size)).subscribeOn(Schedulers.parallel()));
    }

    private record Row(
            UUID id,
            String cityCode,
            String divisionCode,
            String level,
            String periodMonth,
            String algorithm,
            String seedHash,
            String seed,
            OffsetDateTime committedAt,
            OffsetDateTime publishedAt,
            String eligibleFingerprint,
            String quotas,
            String targeted,
            String eligible,
            int total) {

        DrawViews.PublicInputs view(JsonMapper json, int page, int size) {
            return new DrawViews.PublicInputs(
                    id,
                    cityCode,
                    divisionCode,
                    level,
                    periodMonth,
                    algorithm,
                    seedHash,
                    seed,
                    committedAt,
                    publishedAt,
                    eligibleFingerprint,
                    quotas == null ? Map.of() : json.readValue(quotas, QUOTAS),
                    units(json, targeted),
                    Fingerprints.parseUnitLines(eligible).stream()
                            .map(DrawViews.EligibleUnit::of)
                            .toList(),
                    page,
                    size,
                    total);
        }

        private static List<DrawViews.EligibleUnit> units(JsonMapper json, String text) {
            return json.readValue(text, CANDIDATES).stream()
                    .map(DrawViews.EligibleUnit::of)
                    .toList();
        }
    }
}
