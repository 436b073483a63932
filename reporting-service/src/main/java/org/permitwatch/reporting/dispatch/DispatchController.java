package org.permitwatch.reporting.dispatch;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.permitwatch.reporting.catalog.DivisionNames;
import org.permitwatch.reporting.catalog.Exports;
import org.permitwatch.reporting.catalog.ReportReaders;
import org.permitwatch.reporting.catalog.ReportRequests;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Dispatch", description = "The province's monthly dispatch (调度) and year summaries")
class DispatchController {

    private final DispatchQuery query;
    private final DivisionNames names;

    DispatchController(DispatchQuery query, DivisionNames names) {
        this.query = query;
        this.names = names;
    }

    @GetMapping("/dispatch")
    @Operation(
            summary = "Monthly dispatch per city",
            description =
                    "PROVINCE: one row per city; CITY: its own; COUNTY: its own county. Tasks planned for the month "
                            + "and done (with a submitted record), inspections, findings, cases opened, fines (万元), "
                            + "rectifications ordered / completed / found overdue, liaison submissions for the month "
                            + "(on time, late, missing). JSON, or format=xlsx (the same table as an attachment, laid "
                            + "out like the seed's forms: a two-level header and 合计).")
    @ApiResponse(
            responseCode = "200",
            description = "the dispatch as JSON, or as an XLSX attachment",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(implementation = DispatchReport.class)),
                @Content(
                        mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        schema = @Schema(type = "string", format = "binary"))
            })
    Mono<ResponseEntity<?>> dispatch(
            @Parameter(description = "yyyy-MM") @RequestParam(required = false) String month,
            @Parameter(description = "json (default) or xlsx", schema = @Schema(allowableValues = {"json", "xlsx"}))
                    @RequestParam(required = false)
                    String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return ReportReaders.current().flatMap(caller -> {
            YearMonth m = ReportRequests.month("month", month);
            Exports.Format f = Exports.format(format, MediaType.parseMediaTypes(accept), false);
            return query.report(
                            caller.division(),
                            m.toString(),
                            m.atDay(1),
                            m.atEndOfMonth(),
                            List.of(m.toString()),
                            List.of(m.toString()))
                    .flatMap(report -> f == Exports.Format.XLSX
                            // POI work is CPU and temp files: off the event loop.
                            ? Mono.<ResponseEntity<?>>fromCallable(() -> Exports.attachment(
                                            DispatchExports.xlsx(report),
                                            Exports.XLSX,
                                            DispatchExports.fileName(report)))
                                    .subscribeOn(Schedulers.boundedElastic())
                            : Mono.<ResponseEntity<?>>just(ResponseEntity.ok(report)));
        });
    }

    @GetMapping("/progress")
    @Operation(
            summary = "A year of the caller's division month by month",
            description = "The dispatch figures (tasks planned and done, inspections, findings, cases, fines in 万元, "
                    + "rectifications ordered / completed / overdue) for each month of the year over the caller's whole "
                    + "division, months in the bureau's zone, zeros included; the total equals the year summary. "
                    + "The console's 工作台 draws its progress chart from it.")
    Mono<ProgressReport> progress(
            @Parameter(description = "calendar year; this year when absent") @RequestParam(required = false)
                    Integer year) {
        return ReportReaders.current().flatMap(caller -> {
            int y = ReportRequests.year("year", year);
            List<String> months = monthsOf(y);
            return query.byMonth(
                            caller.division(),
                            YearMonth.of(y, 1).atDay(1),
                            YearMonth.of(y, 12).atEndOfMonth(),
                            months)
                    .map(rows -> new ProgressReport(
                            y,
                            caller.division().value(),
                            names.nameOf(caller.division().value()),
                            rows.rows().stream().map(ProgressReport.Month::of).toList(),
                            ProgressReport.Month.of(rows.total())));
        });
    }

    private static List<String> monthsOf(int year) {
        List<String> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(YearMonth.of(year, m).toString());
        }
        return months;
    }

    @GetMapping("/year")
    @Operation(
            summary = "Year summary per city",
            description =
                    "The dispatch figures over a calendar year; submissions count the year's and its months' periods.")
    Mono<DispatchReport> year(@Parameter(description = "calendar year") @RequestParam(required = false) Integer year) {
        return ReportReaders.current().flatMap(caller -> {
            int y = ReportRequests.year("year", year);
            List<String> months = monthsOf(y);
            List<String> periods = new ArrayList<>(months);
            periods.add(String.valueOf(y));
            return query.report(
                    caller.division(),
                    String.valueOf(y),
                    YearMonth.of(y, 1).atDay(1),
                    YearMonth.of(y, 12).atEndOfMonth(),
                    months,
                    periods);
        });
    }
}
