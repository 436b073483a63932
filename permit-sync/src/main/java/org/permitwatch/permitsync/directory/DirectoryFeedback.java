package org.permitwatch.permitsync.directory;

import io.r2dbc.spi.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.permitwatch.events.Topics;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies facts fed back by enforcement (violation and fine counts of the window, last inspection) to directory
 * entries: re-classifies the source type with the configured rules, updates every entry that changed and, for every
 * entry whose classification facts changed, publishes the new snapshot through the outbox exactly as the sync does.
 * An inspection alone (only {@code last_inspected_at} moved) updates the entry without publishing (ADR 0060): no
 * consumer of the snapshots reads that field (inspection-service keeps its own, for the draws), and republishing the
 * whole unit for every submitted inspection made each submission a second fan-out through Kafka and three consumers.
 * Must run inside the caller's transaction.
 */
@Component
public class DirectoryFeedback {

    /** Locks the entries (in permit order, so two writers never deadlock) while they are compared and updated. */
    private static final String LOCK = "SELECT " + UnitRows.COLUMNS
            + ", fine_count FROM directory_unit WHERE permit_no = ANY(:nos) ORDER BY permit_no FOR UPDATE";

    private static final String UPDATE = """
            UPDATE directory_unit SET violation_count = $1, fine_count = $2, last_inspected_at = $3, source_type = $4,
                   changed_at = now()
            WHERE permit_no = $5
            RETURNING\s""" + UnitRows.COLUMNS;

    private final DatabaseClient db;
    private final UnitRows rows;
    private final UnitClassifier classifier;
    private final OutboxWriter outbox;

    DirectoryFeedback(DatabaseClient db, UnitRows rows, UnitClassifier classifier, OutboxWriter outbox) {
        this.db = db;
        this.rows = rows;
        this.classifier = classifier;
        this.outbox = outbox;
    }

    /**
     * What enforcement says about a unit.
     *
     * @param violationCount  verified violations (FINE or NO_PENALTY decisions) in the window
     * @param fineCount       FINE decisions in the window
     * @param lastInspectedAt latest fed-back inspection; null when none (an entry's value never goes back)
     */
    public record Facts(String permitNo, int violationCount, int fineCount, OffsetDateTime lastInspectedAt) {}

    /** @param publish whether the snapshot goes out: a classification fact changed, not only the last inspection */
    private record Change(Facts facts, OffsetDateTime lastInspectedAt, SourceType sourceType, boolean publish) {}

    /**
     * @return the permit numbers whose entry changed (only some of them published: see the class comment); units not
     * in the directory are skipped, their facts are applied when they arrive
     */
    public Mono<List<String>> apply(List<Facts> facts) {
        if (facts.isEmpty()) {
            return Mono.just(List.of());
        }
        Map<String, Facts> byPermit =
                facts.stream().collect(Collectors.toMap(Facts::permitNo, Function.identity(), (a, b) -> b));
        return db.sql(LOCK)
                .bind("nos", byPermit.keySet().toArray(String[]::new))
                .map(r -> Map.entry(rows.map(r), r.get("fine_count", Integer.class)))
                .all()
                .collectList()
                .flatMap(stored -> {
                    List<Change> changes = new ArrayList<>();
                    for (Map.Entry<DirectoryUnit, Integer> e : stored) {
                        DirectoryUnit unit = e.getKey();
                        int storedFines = e.getValue() == null ? 0 : e.getValue();
                        Facts f = byPermit.get(unit.permitNo());
                        OffsetDateTime inspected = latest(unit.lastInspectedAt(), f.lastInspectedAt());
                        SourceType type = classifier.sourceType(
                                unit.managementCategory(),
                                unit.keyIndustry(),
                                unit.withoutPermit(),
                                f.violationCount(),
                                f.fineCount());
                        boolean sameClassification = unit.violationCount() == f.violationCount()
                                && storedFines == f.fineCount()
                                && type == unit.sourceType();
                        if (!sameClassification || !sameInstant(unit.lastInspectedAt(), inspected)) {
                            changes.add(new Change(f, inspected, type, !sameClassification));
                        }
                    }
                    if (changes.isEmpty()) {
                        return Mono.just(List.<String>of());
                    }
                    Set<String> published = changes.stream()
                            .filter(Change::publish)
                            .map(c -> c.facts().permitNo())
                            .collect(Collectors.toSet());
                    // Collect the updated rows before writing events (one statement's rows at a time per connection).
                    return update(changes)
                            .collectList()
                            .flatMap(updated -> outbox.appendAll(updated.stream()
                                            .filter(u -> published.contains(u.permitNo()))
                                            .map(u -> OutboxMessage.of(
                                                    Topics.DIRECTORY_UNITS,
                                                    u.permitNo(),
                                                    DirectoryUnitSnapshot.TYPE,
                                                    u.snapshot()))
                                            .toList())
                                    .thenReturn(updated.stream()
                                            .map(DirectoryUnit::permitNo)
                                            .toList()));
                });
    }

    private Flux<DirectoryUnit> update(List<Change> changes) {
        List<Change> ordered = changes.stream()
                .sorted(Comparator.comparing(c -> c.facts().permitNo()))
                .toList();
        return db.inConnectionMany(connection -> {
            Statement statement = connection.createStatement(UPDATE);
            for (int i = 0; i < ordered.size(); i++) {
                if (i > 0) {
                    statement.add();
                }
                Change c = ordered.get(i);
                statement.bind(0, c.facts().violationCount());
                statement.bind(1, c.facts().fineCount());
                if (c.lastInspectedAt() == null) {
                    statement.bindNull(2, OffsetDateTime.class);
                } else {
                    statement.bind(2, c.lastInspectedAt());
                }
                statement.bind(3, c.sourceType().name());
                statement.bind(4, c.facts().permitNo());
            }
            return Flux.from(statement.execute()).concatMap(result -> result.map(row -> rows.map(row)));
        });
    }

    private static OffsetDateTime latest(OffsetDateTime stored, OffsetDateTime fed) {
        if (stored == null) {
            return fed;
        }
        return fed == null || !fed.isAfter(stored) ? stored : fed;
    }

    private static boolean sameInstant(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b == null : b != null && a.isEqual(b);
    }
}
