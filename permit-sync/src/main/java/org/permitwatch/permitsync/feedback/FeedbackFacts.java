package org.permitwatch.permitsync.feedback;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.permitwatch.permitsync.directory.DirectoryFeedback;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Counts the fed-back facts of units from the history tables (one query for any number of units) and hands them to
 * the directory, which re-classifies and publishes what changed. Runs in the caller's transaction.
 */
@Component
@EnableConfigurationProperties(FeedbackProperties.class)
class FeedbackFacts {

    /** Verified violations = FINE or NO_PENALTY decisions; both counts over the same window. */
    private static final String FACTS = """
            SELECT n.permit_no,
                   (SELECT count(*) FROM unit_violation v WHERE v.permit_no = n.permit_no
                      AND v.decision_kind IN ('FINE', 'NO_PENALTY')
                      AND v.decided_at >= now() - make_interval(months => :months)) AS violations,
                   (SELECT count(*) FROM unit_violation v WHERE v.permit_no = n.permit_no
                      AND v.decision_kind = 'FINE'
                      AND v.decided_at >= now() - make_interval(months => :months)) AS fines,
                   (SELECT i.last_inspected_at FROM unit_inspection i WHERE i.permit_no = n.permit_no) AS inspected
            FROM unnest(CAST(:nos AS text[])) AS n(permit_no)""";

    private final DatabaseClient db;
    private final DirectoryFeedback directory;
    private final FeedbackProperties properties;

    FeedbackFacts(DatabaseClient db, DirectoryFeedback directory, FeedbackProperties properties) {
        this.db = db;
        this.directory = directory;
        this.properties = properties;
    }

    /** @return the permits whose directory entry changed */
    Mono<List<String>> refresh(Collection<String> permitNos) {
        if (permitNos.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql(FACTS)
                .bind("nos", permitNos.stream().distinct().toArray(String[]::new))
                .bind("months", properties.windowMonths())
                .map(r -> new DirectoryFeedback.Facts(
                        r.get("permit_no", String.class),
                        r.get("violations", Long.class).intValue(),
                        r.get("fines", Long.class).intValue(),
                        r.get("inspected", OffsetDateTime.class)))
                .all()
                .collectList()
                .flatMap(directory::apply);
    }
}
