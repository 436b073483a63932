package org.permitwatch.monitoring.query;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/monitoring")
@Tag(name = "Monitoring data", description = "Series, latest values and coverage of automatic monitoring (HJ 212)")
class MonitoringController {

    private final MonitoringQueries queries;
    private final BureauClock clock;

    MonitoringController(MonitoringQueries queries, BureauClock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/series")
    @Operation(
            summary = "A pollutant's series at an outlet",
            description = "Minute values for ranges up to 1 day, hourly up to 62 days, daily up to 10 years (the "
                    + "resolution is in the answer). 404 when no point is registered on the outlet in the caller's "
                    + "division; 400 naming 'to' for an empty or too long range, 'mn' for an MN not registered on the "
                    + "outlet. An outlet may have several points (a replaced unit, a second analyser): 'mn' chooses "
                    + "one; without it the series is the point whose data arrived most recently (the answer's 'mn').")
    Mono<Views.Series> series(
            @RequestParam String permitNo,
            @RequestParam String outletCode,
            @RequestParam String pollutant,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @Parameter(
                            description = "the point (MN) of the outlet; default: the one whose data arrived most "
                                    + "recently (or, none having sent, the first registered)")
                    @RequestParam(required = false)
                    String mn) {
        return CurrentCaller.get()
                .flatMap(caller -> queries.series(permitNo, outletCode, pollutant, from, to, mn, caller));
    }

    @GetMapping("/units/{permitNo}/latest")
    @Operation(
            summary = "The latest value of every pollutant of a unit's points",
            description = "A unit has a handful of points of a handful of pollutants each: the list is whole.")
    Mono<List<Views.LatestValue>> latest(@PathVariable String permitNo) {
        return CurrentCaller.get()
                .flatMap(caller -> queries.latest(permitNo, caller).collectList());
    }

    @GetMapping("/coverage")
    @Operation(
            summary = "联网率 and 传输有效率 per county, city or industry on a day",
            description = "One row per county (default), city or plan-table industry row of the caller's division that "
                    + "has outlets requiring automatic monitoring. The day defaults to yesterday (bureau time).")
    Mono<PageResponse<Views.Coverage>> coverage(
            @Parameter(description = "yyyy-MM-dd")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate day,
            @Parameter(
                            description = "county (default), city or industry",
                            schema = @Schema(allowableValues = {"county", "city", "industry"}))
                    @RequestParam(required = false)
                    String by,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        LocalDate on = day == null ? clock.today().minusDays(1) : day;
        CoverageGrouping grouping = CoverageGrouping.of(by);
        Paging paging = Paging.of(page, size);
        return CurrentCaller.get()
                .flatMap(caller -> queries.coverage(on, grouping, caller)
                        .collectList()
                        .map(all -> paging.page(
                                all.stream()
                                        .skip(paging.offset())
                                        .limit(paging.size())
                                        .toList(),
                                all.size())));
    }
}
