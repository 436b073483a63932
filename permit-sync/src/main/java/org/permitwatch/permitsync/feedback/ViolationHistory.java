package org.permitwatch.permitsync.feedback;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.permitwatch.events.enforcement.CaseClosed;
import org.permitwatch.events.enforcement.CaseRef;
import org.permitwatch.events.enforcement.PenaltyDecided;
import org.permitwatch.events.enforcement.RectificationCompleted;
import org.permitwatch.events.enforcement.RectificationOverdue;
import org.permitwatch.events.inspection.InspectionSubmitted;
import org.permitwatch.support.inbox.IdempotentConsumer;
import org.permitwatch.support.time.BureauClock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the violation history ({@code unit_violation}) and last inspections ({@code unit_inspection}) from
 * enforcement events, then refreshes the unit's directory entry — all in one transaction with the inbox marker, so
 * every event takes effect exactly once.
 *
 * <p>Order-tolerant: each case event first upserts the case with its {@link CaseRef} (descriptive fields from the
 * highest caseVersion only), so a rectification event may arrive before the decision; the rectification status
 * only moves forward in caseVersion; each decision's amount is added once per decision id. A unit the directory
 * does not hold yet keeps its history here; {@link FeedbackReconciliation} applies it once the unit is synced.
 */
@Component
class ViolationHistory {

    static final String CASES_CONSUMER = "permit-sync.violation-history";
    static final String INSPECTIONS_CONSUMER = "permit-sync.last-inspection";

    /** Decisions that make a case a verified violation; DAILY_CONTINUOUS only adds to the amount. */
    static final Set<String> VERDICTS = Set.of("FINE", "NO_PENALTY");

    private static final Set<String> KINDS = Set.of("FINE", "NO_PENALTY", "DAILY_CONTINUOUS");

    private static final String UPSERT_CASE = """
            INSERT INTO unit_violation (case_id, case_no, case_version, permit_no, unit_name, city_code, county_code,
                                        key_industry, violation_type, article)
            VALUES (:caseId, :caseNo, :version, :permit, :unitName, :city, :county, :industry, :type, :article)
            ON CONFLICT (case_id) DO UPDATE SET case_no = EXCLUDED.case_no, case_version = EXCLUDED.case_version,
                   permit_no = EXCLUDED.permit_no, unit_name = EXCLUDED.unit_name, city_code = EXCLUDED.city_code,
                   county_code = EXCLUDED.county_code, key_industry = EXCLUDED.key_industry,
                   violation_type = EXCLUDED.violation_type, article = EXCLUDED.article, updated_at = now()
            WHERE unit_violation.case_version < EXCLUDED.case_version""";

    private final DatabaseClient db;
    private final IdempotentConsumer inbox;
    private final FeedbackFacts facts;

    private final BureauClock clock;

    ViolationHistory(DatabaseClient db, IdempotentConsumer inbox, FeedbackFacts facts, BureauClock clock) {
        this.clock = clock;
        this.db = db;
        this.inbox = inbox;
        this.facts = facts;
    }

    Mono<Boolean> penaltyDecided(String eventId, PenaltyDecided e) {
        if (e.kind() == null || !KINDS.contains(e.kind()) || e.decisionId() == null) {
            return Mono.error(new IllegalArgumentException("penalty decision " + e.decisionId()
                    + " has no decision id or an unknown kind '" + e.kind() + "'"));
        }
        BigDecimal amount = e.amountYuan() == null ? BigDecimal.ZERO : e.amountYuan();
        OffsetDateTime decidedAt = e.decidedAt() == null ? clock.nowUtc() : e.decidedAt();
        return onCase(eventId, e.ref(), () -> {
            var spec = VERDICTS.contains(e.kind())
                    ? db.sql("""
                            UPDATE unit_violation SET decision_kind = :kind, no_penalty_rule = :rule, decided_at = :at,
                                   amount_yuan = amount_yuan + :amount, decision_ids = array_append(decision_ids, :decision),
                                   updated_at = now()
                            WHERE case_id = :caseId AND NOT (:decision = ANY(decision_ids))""").bind("kind", e.kind()).bind("at", decidedAt)
                    : db.sql("""
                            UPDATE unit_violation SET amount_yuan = amount_yuan + :amount,
                                   decision_ids = array_append(decision_ids, :decision), updated_at = now()
                            WHERE case_id = :caseId AND NOT (:decision = ANY(decision_ids))""");
            if (VERDICTS.contains(e.kind())) {
                spec = e.noPenaltyRule() == null
                        ? spec.bindNull("rule", String.class)
                        : spec.bind("rule", e.noPenaltyRule());
            }
            return spec.bind("amount", amount)
                    .bind("decision", e.decisionId())
                    .bind("caseId", e.ref().caseId())
                    .then();
        });
    }

    Mono<Boolean> rectificationOverdue(String eventId, RectificationOverdue e) {
        return onCase(eventId, e.ref(), () -> status(e.ref(), db.sql("""
                        UPDATE unit_violation SET rectification_status = 'OVERDUE', rectification_deadline = :deadline,
                               status_version = :version, updated_at = now()
                        WHERE case_id = :caseId AND status_version < :version""").bind("deadline", e.deadline())));
    }

    Mono<Boolean> rectificationCompleted(String eventId, RectificationCompleted e) {
        return onCase(
                eventId,
                e.ref(),
                () -> status(e.ref(), db.sql("""
                        UPDATE unit_violation SET rectification_status = 'COMPLETED', rectification_deadline = :deadline,
                               rectified_on_time = :onTime, status_version = :version, updated_at = now()
                        WHERE case_id = :caseId AND status_version < :version""").bind("deadline", e.deadline()).bind("onTime", e.onTime())));
    }

    Mono<Boolean> caseClosed(String eventId, CaseClosed e) {
        OffsetDateTime closedAt = e.closedAt() == null ? clock.nowUtc() : e.closedAt();
        return onCase(eventId, e.ref(), () -> status(e.ref(), db.sql("""
                        UPDATE unit_violation SET rectification_status = 'CLOSED', closed_at = :closedAt,
                               status_version = :version, updated_at = now()
                        WHERE case_id = :caseId AND status_version < :version""").bind("closedAt", closedAt)));
    }

    /** An inspection as the last-inspection feed reads it: the event's id and its payload. */
    record Inspection(String eventId, InspectionSubmitted event) {

        /** Refuses an event that cannot be applied (the listener sends it to the dead-letter topic). */
        Inspection {
            if (event.permitNumber() == null || event.permitNumber().isBlank() || event.inspectedAt() == null) {
                throw new IllegalArgumentException(
                        "inspection record " + event.recordId() + " has no permit number or inspection time");
            }
        }
    }

    /**
     * The max of inspectedAt per unit, kept whether or not the unit is in the directory yet: a poll's inspections in
     * one transaction (markers, one upsert, one refresh of the directory entries), each applied once. One transaction
     * per inspection cost permit-sync more CPU than the gateway under 200 concurrent submissions (issue 21).
     */
    Mono<Void> inspectionsSubmitted(List<Inspection> inspections) {
        return inbox.handleEachOnce(
                        INSPECTIONS_CONSUMER,
                        inspections.stream().map(Inspection::eventId).toList(),
                        fresh -> lastInspections(inspections.stream()
                                .filter(i -> fresh.contains(i.eventId()))
                                .map(Inspection::event)
                                .toList()))
                .then();
    }

    private Mono<Void> lastInspections(List<InspectionSubmitted> events) {
        // One row per unit: ON CONFLICT cannot update a row twice in one statement.
        Map<String, InspectionSubmitted> latest = new TreeMap<>();
        for (InspectionSubmitted e : events) {
            latest.merge(e.permitNumber(), e, (a, b) -> b.inspectedAt().isAfter(a.inspectedAt()) ? b : a);
        }
        return db.sql("""
                        INSERT INTO unit_inspection (permit_no, last_inspected_at, record_id)
                        SELECT * FROM unnest(CAST(:permits AS text[]), CAST(:ats AS timestamptz[]),
                                             CAST(:records AS uuid[]))
                        ON CONFLICT (permit_no) DO UPDATE SET last_inspected_at = EXCLUDED.last_inspected_at,
                               record_id = EXCLUDED.record_id, updated_at = now()
                        WHERE unit_inspection.last_inspected_at < EXCLUDED.last_inspected_at""")
                .bind("permits", latest.keySet().toArray(String[]::new))
                .bind(
                        "ats",
                        latest.values().stream()
                                .map(e -> e.inspectedAt().toString())
                                .toArray(String[]::new))
                .bind(
                        "records",
                        latest.values().stream()
                                .map(e -> e.recordId() == null
                                        ? null
                                        : e.recordId().toString())
                                .toArray(String[]::new))
                .then()
                .then(facts.refresh(latest.keySet()))
                .then();
    }

    private Mono<Void> status(CaseRef ref, DatabaseClient.GenericExecuteSpec spec) {
        return spec.bind("version", ref.caseVersion())
                .bind("caseId", ref.caseId())
                .then();
    }

    private Mono<Boolean> onCase(String eventId, CaseRef ref, java.util.function.Supplier<Mono<Void>> change) {
        if (ref == null
                || ref.caseId() == null
                || ref.permitNumber() == null
                || ref.permitNumber().isBlank()) {
            return Mono.error(new IllegalArgumentException("case event " + eventId + " has no case reference"));
        }
        return inbox.handleOnce(
                CASES_CONSUMER,
                eventId,
                () -> upsertCase(ref)
                        .then(Mono.defer(change))
                        .then(facts.refresh(List.of(ref.permitNumber())))
                        .then());
    }

    private Mono<Void> upsertCase(CaseRef ref) {
        var spec = db.sql(UPSERT_CASE)
                .bind("caseId", ref.caseId())
                .bind("version", ref.caseVersion())
                .bind("permit", ref.permitNumber());
        spec = nullable(spec, "caseNo", ref.caseNo());
        spec = nullable(spec, "unitName", ref.unitName());
        spec = nullable(spec, "city", ref.cityCode());
        spec = nullable(spec, "county", ref.countyCode());
        spec = nullable(spec, "industry", ref.keyIndustry());
        spec = nullable(spec, "type", ref.violationType());
        spec = nullable(spec, "article", ref.article());
        return spec.then();
    }

    private static DatabaseClient.GenericExecuteSpec nullable(
            DatabaseClient.GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }
}
