package org.permitwatch.inspection.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.permitwatch.inspection.record.RecordScope;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.time.BureauClock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The frozen copy of a monitoring alert's evidence that a case keeps (ADR 0034): written once when the case opens,
 * in its transaction, as the exact JSON text with its SHA-256 (the table checks the hash and refuses any change), and
 * read back for the case file's export. What monitoring-service later says about the alert changes the alert, never
 * this copy.
 */
@Component
public class MonitoringEvidence {

    static final String NONE = "no-monitoring-evidence";

    private final DatabaseClient db;
    private final AuditLog audit;
    private final JsonMapper json;
    private final BureauClock clock;

    MonitoringEvidence(DatabaseClient db, AuditLog audit, JsonMapper json, BureauClock clock) {
        this.db = db;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** The copy as kept, with its case's header fields. */
    record Frozen(
            UUID caseId,
            String caseNo,
            String permitNumber,
            String unitName,
            String violationType,
            String article,
            UUID alertId,
            String content,
            String sha256,
            String frozenBy,
            OffsetDateTime frozenAt,
            FrozenSeries series) {}

    /** Joins the caller's transaction (the case's opening). */
    Mono<Void> freeze(UUID caseId, UUID alertId, String content, Caller caller) {
        String hash = sha256(content);
        return db.sql("""
                        INSERT INTO case_monitoring_evidence (case_id, alert_id, content, sha256, frozen_by, frozen_at)
                        VALUES (:case, :alert, :content, :sha, :by, :at)""")
                .bind("case", caseId)
                .bind("alert", alertId)
                .bind("content", content)
                .bind("sha", hash)
                .bind("by", caller.subject())
                .bind("at", clock.nowUtc())
                .then()
                .then(audit.record(
                        "case.evidence.freeze",
                        "enforcement_case",
                        caseId.toString(),
                        Map.of("alertId", alertId.toString(), "sha256", hash)));
    }

    /** The copy of a case the caller may read (404 for a case outside its scope, or a case without one). */
    Mono<Frozen> find(UUID caseId, Caller caller) {
        RecordScope scope = RecordScope.of(caller);
        return scope.bind(db.sql("""
                                SELECT c.id, c.case_no, c.permit_number, c.unit_name, c.violation_type, c.article,
                                       e.alert_id, e.content, e.sha256, e.frozen_by, e.frozen_at,
                                       e.case_id IS NOT NULL AS has_copy
                                FROM enforcement_case c LEFT JOIN case_monitoring_evidence e ON e.case_id = c.id
                                WHERE c.id = :id AND""" + " " + scope.condition("c")).bind("id", caseId))
                .map(r -> Boolean.TRUE.equals(r.get("has_copy", Boolean.class))
                        ? Optional.of(new Frozen(
                                r.get("id", UUID.class),
                                r.get("case_no", String.class),
                                r.get("permit_number", String.class),
                                r.get("unit_name", String.class),
                                r.get("violation_type", String.class),
                                r.get("article", String.class),
                                r.get("alert_id", UUID.class),
                                r.get("content", String.class),
                                r.get("sha256", String.class),
                                r.get("frozen_by", String.class),
                                r.get("frozen_at", OffsetDateTime.class),
                                json.readValue(r.get("content", String.class), FrozenSeries.class)))
                        : Optional.<Frozen>empty())
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(ProblemCodes.NOT_FOUND, "no case " + caseId)))
                .flatMap(found -> found.map(Mono::just)
                        .orElseGet(() -> Mono.error(ApiException.notFound(
                                NONE, "case " + caseId + " was not opened from a monitoring alert"))))
                .flatMap(f -> {
                    // The table's CHECK holds the hash to the text; checking again on the way out costs nothing and
                    // makes a tampered database visible instead of exporting it.
                    if (!sha256(f.content()).equals(f.sha256())) {
                        return Mono.error(new IllegalStateException(
                                "frozen evidence of case " + caseId + " does not match its SHA-256"));
                    }
                    return Mono.just(f);
                });
    }

    /** Audits an export of the copy (who took the case file's data, in which format). */
    Mono<Void> audited(Frozen f, String format) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", format);
        details.put("alertId", f.alertId().toString());
        details.put("sha256", f.sha256());
        return audit.record(
                "case.evidence.export", "enforcement_case", f.caseId().toString(), details);
    }

    static String sha256(String content) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
