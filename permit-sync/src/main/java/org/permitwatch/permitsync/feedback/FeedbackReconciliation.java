package org.permitwatch.permitsync.feedback;

import java.util.List;
import org.permitwatch.support.jobs.JobRunner;
import org.permitwatch.support.tx.WholeTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Re-applies the fed-back facts where the directory disagrees with the history: counts that left the window as time
 * passed (a fine 13 months old no longer makes a special source), and feedback that arrived before the sync stored
 * its unit (the sync inserts new entries with zero counts). Finds them with one query, fixes a batch per transaction
 * and publishes the changed snapshots like any other change.
 */
@Component
class FeedbackReconciliation {

    private static final Logger log = LoggerFactory.getLogger(FeedbackReconciliation.class);

    private static final String MISMATCHED = """
            SELECT u.permit_no
            FROM directory_unit u
            LEFT JOIN (SELECT permit_no,
                              count(*) FILTER (WHERE decision_kind IN ('FINE', 'NO_PENALTY')) AS violations,
                              count(*) FILTER (WHERE decision_kind = 'FINE') AS fines
                       FROM unit_violation
                       WHERE decided_at >= now() - make_interval(months => :months)
                       GROUP BY permit_no) c ON c.permit_no = u.permit_no
            LEFT JOIN unit_inspection i ON i.permit_no = u.permit_no
            WHERE u.violation_count <> COALESCE(c.violations, 0)
               OR u.fine_count <> COALESCE(c.fines, 0)
               OR (i.last_inspected_at IS NOT NULL
                   AND (u.last_inspected_at IS NULL OR u.last_inspected_at < i.last_inspected_at))
            ORDER BY u.permit_no
            LIMIT :limit""";

    private final DatabaseClient db;
    private final FeedbackFacts facts;
    private final FeedbackProperties properties;
    private final TransactionalOperator tx;

    private final JobRunner jobs;

    FeedbackReconciliation(
            DatabaseClient db,
            FeedbackFacts facts,
            FeedbackProperties properties,
            ReactiveTransactionManager transactions,
            JobRunner jobs) {
        this.jobs = jobs;
        this.db = db;
        this.facts = facts;
        this.properties = properties;
        this.tx = WholeTransactions.create(transactions);
    }

    @Scheduled(cron = "${permitwatch.directory.feedback.reconcile-cron:-}")
    void scheduled() {
        // Scheduler thread, not an event loop: blocking keeps two runs from overlapping.
        Integer changed = jobs.run("feedback-reconciliation", reconcile()).orElse(0);
        if (changed > 0) {
            log.info("directory feedback reconciled: {} entries changed", changed);
        }
    }

    /** Runs batches until nothing disagrees; emits the number of entries changed. */
    Mono<Integer> reconcile() {
        return batch().expand(n -> n.found() == properties.reconcileBatch() && n.changed() > 0 ? batch() : Mono.empty())
                .map(Batch::changed)
                .reduce(0, Integer::sum);
    }

    private record Batch(int found, int changed) {}

    private Mono<Batch> batch() {
        return tx.transactional(db.sql(MISMATCHED)
                .bind("months", properties.windowMonths())
                .bind("limit", properties.reconcileBatch())
                .map(r -> r.get("permit_no", String.class))
                .all()
                .collectList()
                .flatMap(permits -> facts.refresh(permits).map(changed -> new Batch(permits.size(), changed.size()))));
    }

    /** For tests and operators: the entries a run would touch. */
    Mono<List<String>> mismatched() {
        return db.sql(MISMATCHED)
                .bind("months", properties.windowMonths())
                .bind("limit", properties.reconcileBatch())
                .map(r -> r.get("permit_no", String.class))
                .all()
                .collectList();
    }
}
