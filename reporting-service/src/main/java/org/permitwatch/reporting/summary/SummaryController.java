package org.permitwatch.reporting.summary;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.permitwatch.reporting.catalog.Exports;
import org.permitwatch.reporting.catalog.ReportReaders;
import org.permitwatch.reporting.catalog.ReportRequests;
import org.permitwatch.reporting.catalog.ReportingProperties;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.DivisionCode;
import org.springframework.http.HttpHeaders;
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
@Tag(name = "Summary table", description = "附件1 排污许可执法检查情况汇总表, from events only")
class SummaryController {

    private final SummaryQuery query;
    private final ReportingProperties properties;

    SummaryController(SummaryQuery query, ReportingProperties properties) {
        this.query = query;
        this.properties = properties;
    }

    @GetMapping("/summary")
    // The handler answers ResponseEntity<?> (one of three formats), so the document names the shapes itself.
    @ApiResponse(
            responseCode = "200",
            description = "the table as JSON, or as an XLSX or CSV attachment",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(implementation = SummaryTable.class)),
                @Content(
                        mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
            })
    @Operation(
            summary = "Summary table (附件1) of a period and division",
            description = "Rows per region (the level below the division: a province lists all its cities, a city "
                    + "all its counties, a region with nothing in the period as one row of zeros with industry '—') × "
                    + "industry row of the plan table: the ten violation-type counts in 起 (ACTIVE findings of on-site "
                    + "inspections in the period and cases opened from remote-check alerts in the period; a "
                    + "re-inspection finding that continues an open case is not counted again but reported as "
                    + "continuingViolations and 持续违法 in 备注), fines decided in the period (万元, 4 decimals), "
                    + "rectification (units with a rectification ordered in the period, and how many completed), "
                    + "remarks, and a total row. fillDate (填报日期) is today in the bureau zone; countingUnit states "
                    + "what each column counts (the note row of XLSX and CSV). JSON by default; format=xlsx (the "
                    + "seed's layout) or format=csv (UTF-8 with BOM), or the matching Accept header.")
    Mono<ResponseEntity<?>> summary(
            @Parameter(description = "first day, yyyy-MM-dd") @RequestParam(required = false) String from,
            @Parameter(description = "last day (inclusive), yyyy-MM-dd") @RequestParam(required = false) String to,
            @Parameter(description = "6-digit division inside the caller's; default the caller's")
                    @RequestParam(required = false)
                    String division,
            @Parameter(
                            description = "json (default), xlsx or csv",
                            schema = @Schema(allowableValues = {"json", "xlsx", "csv"}))
                    @RequestParam(required = false)
                    String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
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
            Exports.Format f = Exports.format(format, org.springframework.http.MediaType.parseMediaTypes(accept), true);
            return query.table(scope, start, end).flatMap(table -> render(table, f));
        });
    }

    private static Mono<ResponseEntity<?>> render(SummaryTable table, Exports.Format format) {
        String name = "排污许可执法检查情况汇总表-" + table.divisionCode() + "-" + table.from() + "-" + table.to();
        return switch (format) {
            case JSON -> Mono.<ResponseEntity<?>>just(ResponseEntity.ok(table));
            // POI work is CPU and temp files: off the event loop.
            case XLSX ->
                Mono.<ResponseEntity<?>>fromCallable(
                                () -> Exports.attachment(SummaryExports.xlsx(table), Exports.XLSX, name + ".xlsx"))
                        .subscribeOn(Schedulers.boundedElastic());
            case CSV ->
                Mono.<ResponseEntity<?>>just(Exports.attachment(SummaryExports.csv(table), Exports.CSV, name + ".csv"));
        };
    }
}
