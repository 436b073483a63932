package org.permitwatch.inspection.plan;

import java.math.BigDecimal;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Read API of plans for the draw feature. */
@Component
public class PlanCatalog {

    private final DatabaseClient db;

    PlanCatalog(DatabaseClient db) {
        this.db = db;
    }

    /** The row {@code rowNo} of a plan whose city lies inside {@code divisionLike}; empty otherwise. */
    public Mono<PlanRowRef> row(UUID planId, int rowNo, int month, String divisionLike) {
        return db.sql("""
                        SELECT p.id AS plan_id, r.id AS row_id, p.city_code, p.plan_year, p.status, r.key_industry,
                               r.double_random, r.category, r.ratio, COALESCE(m.rounds, 0) AS rounds
                        FROM inspection_plan p JOIN plan_row r ON r.plan_id = p.id
                        LEFT JOIN plan_row_month m ON m.row_id = r.id AND m.month = :month
                        WHERE p.id = :plan AND r.row_no = :rowNo AND p.city_code LIKE :division""")
                .bind("plan", planId).bind("rowNo", rowNo).bind("month", month).bind("division", divisionLike)
                .map(r -> new PlanRowRef(r.get("plan_id", UUID.class), r.get("row_id", UUID.class),
                        r.get("city_code", String.class), r.get("plan_year", Integer.class),
                        "PUBLISHED".equals(r.get("status", String.class)), r.get("key_industry", String.class),
                        Boolean.TRUE.equals(r.get("double_random", Boolean.class)),
                        !PlanCategory.REMOTE_SUPERVISION.name().equals(r.get("category", String.class)),
                        r.get("ratio", BigDecimal.class), r.get("rounds", Integer.class)))
                .one();
    }
}
