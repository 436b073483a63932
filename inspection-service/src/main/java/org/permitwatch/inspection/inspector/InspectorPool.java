package org.permitwatch.inspection.inspector;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Read API for draws: the inspectors that can be assigned inside a division. */
@Component
public class InspectorPool {

    private final DatabaseClient db;

    InspectorPool(DatabaseClient db) {
        this.db = db;
    }

    /**
     * On-post inspectors whose division code starts with {@code divisionPrefix} (e.g. "1401"), with their
     * conflicts. Ordered by id so that a draw seeded identically sees the pool in the same order every time.
     */
    public Flux<InspectorCandidate> eligibleFor(String divisionPrefix) {
        return db.sql("""
                        SELECT i.id, i.name, i.division_code, i.specialties,
                               coalesce(array_agg(c.permit_number) FILTER (WHERE c.permit_number IS NOT NULL), '{}') AS conflicts
                          FROM inspector i LEFT JOIN inspector_conflict c ON c.inspector_id = i.id
                         WHERE i.on_post AND i.division_code LIKE :division
                         GROUP BY i.id
                         ORDER BY i.id""")
                .bind("division", divisionPrefix + "%")
                .map(r -> new InspectorCandidate(r.get("id", UUID.class), r.get("name", String.class),
                        r.get("division_code", String.class), List.of(r.get("specialties", String[].class)),
                        new HashSet<>(Arrays.asList(r.get("conflicts", String[].class)))))
                .all();
    }
}
