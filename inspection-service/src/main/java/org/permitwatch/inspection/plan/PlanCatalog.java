package org.permitwatch.inspection.plan;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Read API of plans for the draw feature. */
@Component
public class PlanCatalog {

    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {};

    private final DatabaseClient db;
    private final JsonMapper json;

    PlanCatalog(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * The row {@code rowNo} of a plan made by the bureau of {@code division} (a city draws its city plan's rows, a
     * county its county plan's rows); empty otherwise. Carries the budget of the city row the draw consumes: for a
     * county row its parent row, else the row itself.
     */
    public Mono<PlanRowRef> row(UUID planId, int rowNo, int month, String division) {
        return db.sql("""
                        SELECT p.id AS plan_id, r.id AS row_id, p.city_code, p.division_code, p.level, p.plan_year,
                               p.status, r.key_industry, r.double_random, r.category, r.ratio, r.ratio_key,
                               r.ratio_general, r.ratio_special, r.include_registration,
                               r.stratum_units_per_round::text AS per_round, COALESCE(m.rounds, 0) AS rounds,
                               q.id AS quota_row, q.row_no AS quota_row_no,
                               q.stratum_units_per_round::text AS quota_per_round, COALESCE(qm.rounds, 0) AS quota_rounds
                        FROM inspection_plan p JOIN plan_row r ON r.plan_id = p.id
                        JOIN plan_row q ON q.id = COALESCE(r.parent_row_id, r.id)
                        LEFT JOIN plan_row_month m ON m.row_id = r.id AND m.month = :month
                        LEFT JOIN plan_row_month qm ON qm.row_id = q.id AND qm.month = :month
                        WHERE p.id = :plan AND r.row_no = :rowNo AND p.division_code = :division""")
                .bind("plan", planId)
                .bind("rowNo", rowNo)
                .bind("month", month)
                .bind("division", division)
                .map(r -> {
                    Map<String, BigDecimal> ratios = new LinkedHashMap<>();
                    ratios.put(Stratum.SPECIAL.name(), r.get("ratio_special", BigDecimal.class));
                    ratios.put(Stratum.KEY.name(), r.get("ratio_key", BigDecimal.class));
                    ratios.put(Stratum.GENERAL.name(), r.get("ratio_general", BigDecimal.class));
                    return new PlanRowRef(
                            r.get("plan_id", UUID.class),
                            r.get("row_id", UUID.class),
                            r.get("city_code", String.class),
                            r.get("division_code", String.class),
                            PlanLevel.valueOf(r.get("level", String.class)),
                            r.get("plan_year", Integer.class),
                            "PUBLISHED".equals(r.get("status", String.class)),
                            r.get("key_industry", String.class),
                            Boolean.TRUE.equals(r.get("double_random", Boolean.class)),
                            !PlanCategory.REMOTE_SUPERVISION.name().equals(r.get("category", String.class)),
                            r.get("ratio", BigDecimal.class),
                            ratios,
                            Boolean.TRUE.equals(r.get("include_registration", Boolean.class)),
                            r.get("rounds", Integer.class),
                            counts(r.get("per_round", String.class)),
                            new PlanRowRef.Quota(
                                    r.get("quota_row", UUID.class),
                                    r.get("quota_row_no", Integer.class),
                                    r.get("quota_rounds", Integer.class),
                                    counts(r.get("quota_per_round", String.class))));
                })
                .one();
    }

    private Map<String, Integer> counts(String text) {
        return text == null ? null : json.readValue(text, COUNTS);
    }
}
