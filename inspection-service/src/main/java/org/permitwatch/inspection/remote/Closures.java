package org.permitwatch.inspection.remote;

import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Verified closures. A closure only stops the remote rules from alerting on the unit from the next run on; it
 * does not touch the directory (the permit status is the platform's) nor the unit's existing alerts' history.
 */
@Component
class Closures {

    static final String EXISTS = "closure-exists";
    private static final String COLUMNS =
            "id, permit_number, division_code, closed_on, basis, recorded_by, recorded_at";

    private final DatabaseClient db;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    Closures(DatabaseClient db, AuditLog audit, ReactiveTransactionManager transactions) {
        this.db = db;
        this.audit = audit;
        this.tx = WholeTransactions.create(transactions);
    }

    /** 404 when the unit is not in the caller's division, 409 when a closure is recorded already. */
    Mono<ClosureView> record(String permitNumber, LocalDate closedOn, String basis, Caller caller) {
        Mono<ClosureView> work = db.sql("SELECT division_code FROM directory_unit WHERE permit_number = :p "
                        + "AND division_code LIKE :division")
                .bind("p", permitNumber)
                .bind("division", caller.division().likePattern())
                .map(r -> r.get("division_code", String.class))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                        ProblemCodes.NOT_FOUND, "no directory unit " + permitNumber + " in your division")))
                .flatMap(division -> db.sql("INSERT INTO remote_unit_closure (permit_number, id, division_code, "
                                + "closed_on, basis, recorded_by) VALUES (:p, :id, :division, :closedOn, :basis, :by) "
                                + "ON CONFLICT (permit_number) DO NOTHING RETURNING " + COLUMNS)
                        .bind("p", permitNumber)
                        .bind("id", UUID.randomUUID())
                        .bind("division", division)
                        .bind("closedOn", closedOn)
                        .bind("basis", basis.trim())
                        .bind("by", caller.subject())
                        .map(Closures::map)
                        .one()
                        .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                                EXISTS, "a verified closure of " + permitNumber + " is recorded already"))))
                .flatMap(closure -> audit.record(
                                "remote-check.closure.record",
                                "remote_unit_closure",
                                closure.id().toString(),
                                Map.of("permitNumber", permitNumber, "closedOn", closedOn.toString()))
                        .thenReturn(closure));
        return tx.transactional(work);
    }

    Flux<ClosureView> list(String divisionLike, long offset, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM remote_unit_closure WHERE division_code LIKE :division "
                        + "ORDER BY recorded_at DESC, permit_number LIMIT :limit OFFSET :offset")
                .bind("division", divisionLike)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(Closures::map)
                .all();
    }

    Mono<Long> count(String divisionLike) {
        return db.sql("SELECT count(*) AS n FROM remote_unit_closure WHERE division_code LIKE :division")
                .bind("division", divisionLike)
                .map(r -> r.get("n", Long.class))
                .one();
    }

    private static ClosureView map(Readable r) {
        return new ClosureView(
                r.get("id", UUID.class),
                r.get("permit_number", String.class),
                r.get("division_code", String.class),
                r.get("closed_on", LocalDate.class),
                r.get("basis", String.class),
                r.get("recorded_by", String.class),
                r.get("recorded_at", OffsetDateTime.class));
    }
}
