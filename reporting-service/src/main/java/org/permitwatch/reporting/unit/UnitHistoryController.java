package org.permitwatch.reporting.unit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.permitwatch.reporting.catalog.ReportReaders;
import org.permitwatch.reporting.catalog.ReportRequests;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.time.BureauClock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/reports/units")
@Tag(
        name = "Unit compliance history",
        description = "A unit's inspections, findings, penalties, rectifications and alerts, ECHO-style")
class UnitHistoryController {

    private final UnitHistoryQuery query;

    private final BureauClock clock;

    UnitHistoryController(UnitHistoryQuery query, BureauClock clock) {
        this.clock = clock;
        this.query = query;
    }

    @GetMapping("/{permitNumber}")
    @Operation(
            summary = "Compliance history of one unit",
            description =
                    "Header, a strip of quarters ending with the quarter of asOf (INSPECTED_COMPLIANT, VIOLATION, "
                            + "UNRESOLVED = a violation whose rectification was not complete by the quarter's end, NOT_INSPECTED), "
                            + "inspections with their violation types, cases with penalties and rectifications, alerts. "
                            + "A unit outside the caller's division is 404.")
    Mono<UnitHistory> history(
            @PathVariable String permitNumber,
            @Parameter(description = "end of the strip, yyyy-MM-dd; default today") @RequestParam(required = false)
                    String asOf) {
        return ReportReaders.current().flatMap(caller -> {
            LocalDate end = asOf == null || asOf.isBlank() ? clock.today() : ReportRequests.date("asOf", asOf);
            return query.history(permitNumber, caller.division(), end)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                            "unit-not-found", "no unit " + permitNumber + " in the caller's division")));
        });
    }
}
