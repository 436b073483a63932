package org.permitwatch.reporting.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.permitwatch.reporting.catalog.Exports;
import org.permitwatch.reporting.catalog.ReportReaders;
import org.permitwatch.reporting.catalog.ReportRequests;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.DivisionCode;
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
@Tag(name = "Plan table", description = "附件3 排污许可清单式执法检查计划, from PlanPublished events")
class PlanController {

    private final PlanQuery query;

    PlanController(PlanQuery query) {
        this.query = query;
    }

    @GetMapping("/plans")
    // The handler answers ResponseEntity<?> (JSON or XLSX), so the document names the shapes itself.
    @ApiResponse(
            responseCode = "200",
            description = "the table as JSON, or as an XLSX attachment",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(implementation = PlanTable.class)),
                @Content(
                        mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        schema = @Schema(type = "string", format = "binary"))
            })
    @Operation(
            summary = "A city's annual plan table (附件3)",
            description = "The latest published plan of the city and year. cityCode defaults to the caller's city; a "
                    + "county sees its city's plan. Rows: always the seed's seven industries (造纸, 钢铁, 火电, 焦化, "
                    + "水泥, 污水处理, 再生利用) then 其他, 序号 1–8 in that order; an industry without a plan row shows "
                    + "one row of zeros (planned=false, 检查类别 未列入计划), several rows of one industry share its 序号, "
                    + "rows of any other industry fall into 其他. JSON, or format=xlsx in the seed's layout.")
    Mono<ResponseEntity<?>> plan(
            @Parameter(description = "6-digit city code") @RequestParam(required = false) String cityCode,
            @Parameter(description = "plan year") @RequestParam(required = false) Integer year,
            @Parameter(description = "json (default) or xlsx", schema = @Schema(allowableValues = {"json", "xlsx"}))
                    @RequestParam(required = false)
                    String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return ReportReaders.current().flatMap(caller -> {
            int y = ReportRequests.year("year", year);
            String city = city(caller, cityCode);
            Exports.Format f = Exports.format(format, MediaType.parseMediaTypes(accept), false);
            return query.latest(city, y)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                            "plan-not-found", "no plan of " + city + " for " + y + " has been published")))
                    .flatMap(table -> f == Exports.Format.XLSX
                            ? Mono.<ResponseEntity<?>>fromCallable(() -> Exports.attachment(
                                            PlanExports.xlsx(table),
                                            Exports.XLSX,
                                            "排污许可清单式执法检查计划-" + city + "-" + y + ".xlsx"))
                                    .subscribeOn(Schedulers.boundedElastic())
                            : Mono.<ResponseEntity<?>>just(ResponseEntity.ok(table)));
        });
    }

    /** Plans are a city's: a city or county caller reads its own city's, the province any city's. */
    private static String city(Caller caller, String cityCode) {
        if (cityCode == null || cityCode.isBlank()) {
            if (caller.division().level() == DivisionCode.Level.PROVINCE) {
                throw ApiException.invalidField("cityCode", "is required for a province user", null);
            }
            return caller.division().cityCode().value();
        }
        if (!DivisionCode.isValid(cityCode) || DivisionCode.of(cityCode).level() != DivisionCode.Level.CITY) {
            throw ApiException.invalidField("cityCode", "must be a 6-digit city code (xxxx00)", cityCode);
        }
        DivisionCode city = DivisionCode.of(cityCode);
        if (!caller.division().contains(city) && !caller.division().cityCode().equals(city)) {
            throw ApiException.forbidden(
                    "division-out-of-scope",
                    "city " + cityCode + " lies outside the caller's division " + caller.division());
        }
        return cityCode;
    }
}
