package org.permitwatch.reporting.monitoring;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.permitwatch.reporting.catalog.ReportReaders;
import org.permitwatch.reporting.catalog.ReportRequests;
import org.permitwatch.reporting.catalog.ReportingProperties;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.DivisionCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/reports")
@Tag(
        name = "Monitoring alerts",
        description = "Automatic-monitoring alerts (非现场监管, issue 19): exceedances and handling times, from events")
class MonitoringAlertController {

    private final MonitoringAlertQuery query;
    private final ReportingProperties properties;

    MonitoringAlertController(MonitoringAlertQuery query, ReportingProperties properties) {
        this.query = query;
        this.properties = properties;
    }

    @GetMapping("/monitoring-alerts")
    @Operation(
            summary = "Monitoring alerts and their handling per region and industry",
            description = "Monitoring alerts raised in the period (day raised, bureau zone), per region (a province's "
                    + "cities, a city's counties; every region listed, zeros included) × key industry: alerts, "
                    + "exceedances (hourly and daily), reviewed (tasked, cased, dismissed), still open, resolved by "
                    + "monitoring before a review, and the handling time raised → reviewed in hours (average over the "
                    + "reviewed alerts and maximum, 1 decimal). A case opened from such an alert is counted in 附件1 "
                    + "(/summary) like every remote case. 联网率 and 传输有效率 are monitoring-service's coverage API "
                    + "(/api/v1/monitoring/coverage), not repeated here. Bureau staff inside their division.")
    Mono<MonitoringAlertReport> report(
            @Parameter(description = "first day, yyyy-MM-dd") @RequestParam(required = false) String from,
            @Parameter(description = "last day (inclusive), yyyy-MM-dd") @RequestParam(required = false) String to,
            @Parameter(description = "6-digit division inside the caller's; default the caller's")
                    @RequestParam(required = false)
                    String division) {
        return ReportReaders.current().flatMap(caller -> {
            LocalDate start = ReportRequests.date("from", from);
            LocalDate end = ReportRequests.date("to", to);
            if (end.isBefore(start)) {
                throw ApiException.invalidField("to", "must not be before from", to);
            }
            if (ChronoUnit.DAYS.between(start, end) + 1 > properties.maxPeriodDays()) {
                throw ApiException.invalidField(
                        "to", "the period may span at most " + properties.maxPeriodDays() + " days", to);
            }
            DivisionCode scope = ReportRequests.division(caller, "division", division);
            return query.report(scope, start, end);
        });
    }
}
