package org.permitwatch.inspection.cases;

import java.util.UUID;
import java.util.function.Function;
import org.permitwatch.events.enforcement.CaseRef;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.Role;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the penalty and rectification features need of a case: the row inside the caller's scope (404 outside it,
 * never 403), its row lock for race-safe state checks, status changes guarded by the expected status, and the
 * case's events with an incremented {@link CaseRef#caseVersion()}. Must run inside the caller's transaction.
 */
@Component
public class CaseAccess {

    private final DatabaseClient db;
    private final OutboxWriter outbox;

    CaseAccess(DatabaseClient db, OutboxWriter outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /** The case locked FOR UPDATE if the caller's division contains it; otherwise a 404 problem. */
    public Mono<CaseRow> lockInScope(UUID caseId, Caller caller) {
        return db.sql("SELECT " + CaseRow.COLUMNS + " FROM enforcement_case c WHERE c.id = :id "
                        + "AND c.division_code LIKE :scope FOR UPDATE")
                .bind("id", caseId)
                .bind("scope", caller.division().likePattern())
                .map(CaseRow::of)
                .one()
                .switchIfEmpty(Mono.error(() -> notFound(caseId)));
    }

    /** expected → target; a 409 {@code code} problem when another write changed the status first. */
    public Mono<Void> transition(UUID caseId, String expected, String target, String code) {
        if (!CaseStatus.of(expected).canBecome(CaseStatus.of(target))) {
            // A programming error, not a request error: the table in CaseStatus is the rule.
            throw new IllegalStateException("case status " + expected + " cannot become " + target);
        }
        return db.sql("UPDATE enforcement_case SET status = :target WHERE id = :id AND status = :expected")
                .bind("target", target)
                .bind("id", caseId)
                .bind("expected", expected)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 1
                        ? Mono.<Void>empty()
                        : Mono.error(ApiException.conflict(code, "case " + caseId + " is no longer " + expected)));
    }

    /**
     * Appends one case event to the outbox, keyed by case id: increments the case's event version and builds the
     * {@link CaseRef} from the row as it is now, so the event matches the committed state.
     */
    public Mono<Void> emit(UUID caseId, String type, Function<CaseRef, Object> payload) {
        return db.sql("UPDATE enforcement_case c SET event_version = event_version + 1 WHERE c.id = :id RETURNING "
                        + CaseRow.COLUMNS)
                .bind("id", caseId)
                .map(CaseRow::of)
                .one()
                .flatMap(row -> outbox.append(
                        OutboxMessage.of(EnforcementTopics.CASES, caseId.toString(), type, payload.apply(ref(row)))))
                .then();
    }

    static CaseRef ref(CaseRow c) {
        return new CaseRef(
                c.id(),
                c.caseNo(),
                c.eventVersion(),
                c.permitNumber(),
                c.unitName(),
                c.provinceCode(),
                c.cityCode(),
                c.divisionCode(),
                c.keyIndustry(),
                c.violationType(),
                c.article());
    }

    /** PROVINCE, CITY or COUNTY staff: open cases, propose, order and follow up rectification. */
    public static void requireBureau(Caller caller) {
        if (!(caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY) || caller.hasRole(Role.COUNTY))) {
            throw ApiException.forbidden(
                    "case-write-forbidden", "only bureau staff (PROVINCE, CITY, COUNTY) may do this");
        }
    }

    /** Penalty decisions (处罚决定) are taken by the city or the province. */
    public static void requireDecider(Caller caller) {
        if (!(caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY))) {
            throw ApiException.forbidden("decision-forbidden", "only CITY or PROVINCE staff may decide penalties");
        }
    }

    public static ApiException notFound(UUID caseId) {
        return ApiException.notFound("case-not-found", "no case " + caseId + " in your scope");
    }
}
