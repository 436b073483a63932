package org.permitwatch.inspection.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.UUID;
import org.permitwatch.events.vocabulary.ViolationType;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.web.ListSort;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.web.SortParam;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/cases")
@Tag(
        name = "Cases",
        description = "案件: opened from a finding or a confirmed remote alert, decided, rectified, closed (销号)")
class CaseController {

    private final CaseService service;
    private final CaseQueries queries;
    private final PriorViolations priorViolations;

    CaseController(CaseService service, CaseQueries queries, PriorViolations priorViolations) {
        this.service = service;
        this.queries = queries;
        this.priorViolations = priorViolations;
    }

    /** {@code POST /api/v1/cases}. */
    record OpenCase(@NotNull UUID findingId) {}

    @PostMapping
    @Operation(
            summary = "Open a case from an active finding",
            description = "Copies unit, violation type, article, facts and evidence from the finding. One case per "
                    + "finding (409 case-exists); a superseded finding is 409 finding-not-active. PROVINCE, CITY or "
                    + "COUNTY staff; 404 outside the caller's division. 201 with the case.")
    Mono<ResponseEntity<CaseViews.Detail>> open(@Valid @RequestBody OpenCase body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.openFromFinding(body.findingId(), caller)
                        .flatMap(id -> queries.detail(id, caller))
                        .map(d -> ResponseEntity.created(URI.create("/api/v1/cases/" + d.id()))
                                .body(d)));
    }

    @GetMapping
    @Operation(summary = "List cases", description = "Paged, newest first, inside the caller's division.")
    Mono<PageResponse<CaseViews.Summary>> list(
            @Parameter(description = "0-based page") @RequestParam(required = false) Integer page,
            @Parameter(description = "page size, 1..200, default 20") @RequestParam(required = false) Integer size,
            @Parameter(description = "OPEN, DECIDED or CLOSED") @RequestParam(required = false) String status,
            @Parameter(description = "violation type") @RequestParam(required = false) ViolationType violationType,
            @Parameter(description = "permit number of the unit") @RequestParam(required = false) String permitNumber,
            @Parameter(description = "city code (inside your division)") @RequestParam(required = false)
                    String cityCode,
            @Parameter(description = "county code (inside your division)") @RequestParam(required = false)
                    String countyCode,
            @RequestParam(required = false) @SortParam(CaseSort.class) String sort) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            String orderBy = ListSort.orderBy(sort, CaseSort.class, "c.opened_at DESC, c.id", CaseSort.TIE_BREAKER);
            CaseQueries.Filter filter = new CaseQueries.Filter(
                    status(status),
                    violationType == null ? null : violationType.name(),
                    blankToNull(permitNumber),
                    division("cityCode", cityCode),
                    division("countyCode", countyCode));
            return queries.list(caller, filter, orderBy, paging.offset(), paging.size())
                    .map(CaseViews.Summary::of)
                    .collectList()
                    .zipWith(queries.count(caller, filter))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }

    @GetMapping("/queue")
    @Operation(
            summary = "Active findings without a case",
            description = "The work queue of a bureau: paged, newest inspection first, inside the caller's division.")
    Mono<PageResponse<CaseViews.QueuedFinding>> queue(
            @Parameter(description = "0-based page") @RequestParam(required = false) Integer page,
            @Parameter(description = "page size, 1..200, default 20") @RequestParam(required = false) Integer size) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            return queries.queue(caller, paging.offset(), paging.size())
                    .collectList()
                    .zipWith(queries.queueCount(caller))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }

    @PostMapping("/prior-violations")
    @Operation(
            summary = "Record a prior violation of a unit (历史违法记录)",
            description = "A violation decided before the platform or by another bureau, from its decision document: "
                    + "文号 (decisionNo, unique per unit), decidedOn, violatedOn (optional, not after decidedOn), article "
                    + "and 项, optional violationType, sourceDocument, optional amountYuan. Counts for 首违不罚 (初次: same "
                    + "violation type or same article and 项) and for the discretion factor HISTORY, on its violation day "
                    + "(else its decision day). CITY or PROVINCE staff, unit inside their division (404 otherwise); "
                    + "audited (prior-violation.record). 400 naming the field; 409 prior-violation-exists.")
    Mono<ResponseEntity<PriorViolations.View>> recordPriorViolation(@Valid @RequestBody PriorViolations.Input body) {
        return CurrentCaller.get()
                .flatMap(caller -> priorViolations.record(body, caller))
                .map(v -> ResponseEntity.status(201).body(v));
    }

    @GetMapping("/prior-violations")
    @Operation(
            summary = "List recorded prior violations",
            description = "Paged, newest decision first, inside the caller's division; bureau staff only (403 for an "
                    + "inspector).")
    Mono<PageResponse<PriorViolations.View>> priorViolations(
            @Parameter(description = "permit number of the unit") @RequestParam(required = false) String permitNumber,
            @Parameter(description = "0-based page") @RequestParam(required = false) Integer page,
            @Parameter(description = "page size, 1..200, default 20") @RequestParam(required = false) Integer size) {
        return CurrentCaller.get()
                .flatMap(caller -> priorViolations.list(blankToNull(permitNumber), Paging.of(page, size), caller));
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "One case with its proposals, decisions and rectification",
            description = "404 when unknown or outside the caller's division.")
    Mono<CaseViews.Detail> get(@PathVariable UUID id) {
        return CurrentCaller.get()
                .flatMap(caller -> queries.detail(id, caller).switchIfEmpty(Mono.error(() -> CaseAccess.notFound(id))));
    }

    @PostMapping("/{id}/close")
    @Operation(
            summary = "Close the case (销号)",
            description = "Only with a FINE or NO_PENALTY decision and the rectification VERIFIED_COMPLETE (409 "
                    + "decision-required / rectification-not-verified / case-closed otherwise). Emits CaseClosed with "
                    + "the total fine.")
    Mono<CaseViews.Detail> close(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> service.close(id, caller).then(queries.detail(id, caller)));
    }

    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String s = status.trim().toUpperCase();
        if (!s.equals(CaseRow.OPEN) && !s.equals(CaseRow.DECIDED) && !s.equals(CaseRow.CLOSED)) {
            throw ApiException.invalidField("status", "must be OPEN, DECIDED or CLOSED", status);
        }
        return s;
    }

    private static String division(String field, String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        if (!DivisionCode.isValid(code.trim())) {
            throw ApiException.invalidField(field, "must be a 6-digit division code", code);
        }
        return code.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
