package org.permitwatch.monitoring.point;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Whether a point's analysers measure wet flue gas (ADR 0039). The receiver marks such a point's frames and the alert
 * stream converts its values to dry basis with the moisture (a01014) before the reference-oxygen correction. A change
 * applies to frames received after it (the raw topic carries the setting with each frame, so a replay agrees).
 */
@RestController
@RequestMapping("/api/v1/monitoring/points/{mn}/measurement-basis")
@Tag(name = "Monitoring points")
class MeasurementBasisController {

    /** The point's measurement basis. */
    @Schema(name = "MeasurementBasis")
    record MeasurementBasis(
            @Schema(
                    description =
                            "true: the analysers measure wet flue gas (in-situ / hot-wet); false: dry as measured")
            Boolean measuredWet) {}

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;
    private final PointRegistry registry;

    MeasurementBasisController(
            DatabaseClient db, ReactiveTransactionManager transactions, AuditLog audit, PointRegistry registry) {
        this.db = db;
        this.tx = WholeTransactions.create(transactions);
        this.audit = audit;
        this.registry = registry;
    }

    @GetMapping
    @Operation(summary = "The point's measurement basis", description = "404 when unknown or outside the division.")
    Mono<MeasurementBasis> get(@PathVariable String mn) {
        return CurrentCaller.get()
                .flatMap(caller -> db.sql(
                                "SELECT measured_wet FROM monitoring_point WHERE mn = :mn AND division_code LIKE :scope")
                        .bind("mn", mn)
                        .bind("scope", caller.division().likePattern())
                        .map(r -> new MeasurementBasis(r.get(0, Boolean.class)))
                        .one())
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("point-not-found", "no point " + mn)));
    }

    @PutMapping
    @Operation(
            summary = "Set whether the point measures wet flue gas (PROVINCE or CITY)",
            description = "400 naming measuredWet when missing; 404 when the point is unknown or outside the "
                    + "division. Audited.")
    Mono<MeasurementBasis> set(@PathVariable String mn, @RequestBody MeasurementBasis basis) {
        return CurrentCaller.get().flatMap(caller -> {
            if (!caller.hasRole(Role.PROVINCE) && !caller.hasRole(Role.CITY)) {
                return Mono.error(ApiException.forbidden("forbidden", "only province or city staff set points up"));
            }
            if (basis == null || basis.measuredWet() == null) {
                return Mono.error(ApiException.invalidField("measuredWet", "is required (true or false)", null));
            }
            Mono<MeasurementBasis> work = db.sql(
                            "UPDATE monitoring_point SET measured_wet = :wet WHERE mn = :mn AND division_code LIKE :scope")
                    .bind("wet", basis.measuredWet())
                    .bind("mn", mn)
                    .bind("scope", caller.division().likePattern())
                    .fetch()
                    .rowsUpdated()
                    .flatMap(n -> n == 0
                            ? Mono.error(ApiException.notFound("point-not-found", "no point " + mn))
                            : audit.record(
                                            "monitoring.point.measurement-basis",
                                            "monitoring_point",
                                            mn,
                                            Map.of("measuredWet", basis.measuredWet()))
                                    .thenReturn(basis));
            return tx.transactional(work).flatMap(saved -> registry.reload().thenReturn(saved));
        });
    }
}
