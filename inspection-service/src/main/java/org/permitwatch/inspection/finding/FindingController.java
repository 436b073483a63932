package org.permitwatch.inspection.finding;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.permitwatch.events.vocabulary.ViolationType;
import org.permitwatch.inspection.record.RecordScope;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/findings")
@Tag(
        name = "Findings",
        description = "Non-compliant checklist items of submitted inspection records, with their violation type")
class FindingController {

    /** Periods are calendar months in China Standard Time, like the monthly dispatch. */
    private final FindingQueries queries;

    private final JsonMapper json;

    private final BureauClock clock;

    FindingController(FindingQueries queries, JsonMapper json, BureauClock clock) {
        this.clock = clock;
        this.queries = queries;
        this.json = json;
    }

    @GetMapping
    @Operation(
            summary = "List findings",
            description =
                    "Paged, newest inspection first, scoped to the caller's division (an inspector: their own tasks). "
                            + "Only ACTIVE findings unless status=SUPERSEDED or status=ALL.")
    Mono<PageResponse<FindingView>> list(
            @Parameter(description = "0-based page") @RequestParam(required = false) Integer page,
            @Parameter(description = "page size, 1..200, default 20") @RequestParam(required = false) Integer size,
            @Parameter(description = "permit number of the unit") @RequestParam(required = false) String permitNumber,
            @Parameter(description = "violation type") @RequestParam(required = false) ViolationType violationType,
            @Parameter(description = "month of the inspection, yyyy-MM") @RequestParam(required = false) String period,
            @Parameter(description = "first day of inspections, yyyy-MM-dd") @RequestParam(required = false)
                    LocalDate from,
            @Parameter(description = "last day of inspections, yyyy-MM-dd") @RequestParam(required = false)
                    LocalDate to,
            @Parameter(description = "ACTIVE (default), SUPERSEDED or ALL") @RequestParam(required = false)
                    String status) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            RecordScope scope = RecordScope.of(caller);
            FindingFilter filter = filter(permitNumber, violationType, period, from, to, status);
            return queries.list(scope, filter, paging.offset(), paging.size())
                    .map(f -> FindingView.of(f, json))
                    .collectList()
                    .zipWith(queries.count(scope, filter))
                    .map(t -> new PageResponse<>(t.getT1(), paging.page(), paging.size(), t.getT2()));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "One finding", description = "404 when unknown or outside the caller's scope.")
    Mono<FindingView> get(@PathVariable UUID id) {
        return CurrentCaller.get()
                .flatMap(caller -> queries.find(id, RecordScope.of(caller))
                        .map(f -> FindingView.of(f, json))
                        .switchIfEmpty(Mono.error(() ->
                                ApiException.notFound(ProblemCodes.NOT_FOUND, "no finding " + id + " in your scope"))));
    }

    private FindingFilter filter(
            String permitNumber,
            ViolationType violationType,
            String period,
            LocalDate from,
            LocalDate to,
            String status) {
        OffsetDateTime start = from == null ? null : clock.startOf(from);
        OffsetDateTime end = to == null ? null : clock.startOf(to.plusDays(1));
        if (period != null && !period.isBlank()) {
            YearMonth month;
            try {
                month = YearMonth.parse(period.trim());
            } catch (DateTimeParseException e) {
                throw ApiException.invalidField("period", "must be a month like 2026-06", period);
            }
            OffsetDateTime monthStart = clock.startOf(month.atDay(1));
            OffsetDateTime monthEnd = clock.startOf(month.plusMonths(1).atDay(1));
            start = start == null || monthStart.isAfter(start) ? monthStart : start;
            end = end == null || monthEnd.isBefore(end) ? monthEnd : end;
        }
        String s = status == null || status.isBlank()
                ? FindingWriter.ACTIVE
                : status.trim().toUpperCase();
        if (!s.equals(FindingWriter.ACTIVE) && !s.equals(FindingWriter.SUPERSEDED) && !s.equals("ALL")) {
            throw ApiException.invalidField("status", "must be ACTIVE, SUPERSEDED or ALL", status);
        }
        String permit = permitNumber == null || permitNumber.isBlank() ? null : permitNumber.trim();
        return new FindingFilter(
                permit, violationType == null ? null : violationType.name(), s.equals("ALL") ? null : s, start, end);
    }
}
