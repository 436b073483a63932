package org.permitwatch.permitsync.directory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.permitwatch.permitsync.api.DivisionScope;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.web.ListSort;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.web.SortParam;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/directory")
@Tag(
        name = "Object directory",
        description = "检查对象名录库: every permit or registration holder, scoped to the caller's division")
class DirectoryController {

    private static final int MAX_TEXT = 100;

    private final DirectoryQueries queries;
    private final int violationHistoryLimit;
    private final Duration changesSettle;

    DirectoryController(
            DirectoryQueries queries,
            @Value("${permitwatch.directory.violation-history-limit:50}") int violationHistoryLimit,
            @Value("${permitwatch.directory.changes-settle:2m}") Duration changesSettle) {
        this.queries = queries;
        this.violationHistoryLimit = violationHistoryLimit;
        this.changesSettle = changesSettle;
    }

    @GetMapping("/units")
    @Operation(
            summary = "List directory units",
            description =
                    "Paged, ordered by permit number (or by sort, the permit number breaking ties), filtered by the"
                            + " given criteria and always by the caller's division.")
    Mono<PageResponse<DirectoryViews.UnitSummary>> list(
            @Parameter(description = "0-based page") @RequestParam(required = false) Integer page,
            @Parameter(description = "page size, 1..200, default 20") @RequestParam(required = false) Integer size,
            @Parameter(description = "6-digit division code inside the caller's division")
                    @RequestParam(required = false)
                    String division,
            @Parameter(description = "GB/T 4754-2017 industry code, e.g. 2521") @RequestParam(required = false)
                    String industry,
            @Parameter(description = "plan-table row") @RequestParam(required = false) KeyIndustry keyIndustry,
            @Parameter(description = "management category") @RequestParam(required = false) ManagementCategory category,
            @Parameter(description = "permit status") @RequestParam(required = false) PermitStatus status,
            @Parameter(description = "source type") @RequestParam(required = false) SourceType sourceType,
            @Parameter(description = "substring of the unit name or permit number") @RequestParam(required = false)
                    String q,
            @RequestParam(required = false) @SortParam(UnitSort.class) String sort,
            @Parameter(
                            description = "keyset paging: the permitNo of the last unit of the previous page; the"
                                    + " answer holds the units after it in permit-number order (page stays 0, total"
                                    + " is the whole filter's). Only with the default order and without page: a deep"
                                    + " page then costs what the first does, where page=N makes the database step"
                                    + " over N × size units (docs/api/README.md)")
                    @RequestParam(required = false)
                    String after) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            String from = after(after, page, sort);
            String orderBy = ListSort.orderBy(sort, UnitSort.class, UnitSort.TIE_BREAKER, UnitSort.TIE_BREAKER);
            UnitFilter filter = new UnitFilter(
                    DivisionScope.likePattern(caller, division),
                    industry(industry),
                    keyIndustry,
                    category,
                    status,
                    sourceType,
                    text(q));
            return queries.page(filter, orderBy, paging, from);
        });
    }

    /**
     * The keyset position, or null. A position is only meaningful in the order it was taken from, so it is refused
     * with another sort; with a page number as well it would be ambiguous which one wins.
     */
    private static String after(String after, Integer page, String sort) {
        if (after == null) {
            return null;
        }
        if (after.isBlank() || after.length() > MAX_TEXT) {
            throw ApiException.invalidField(
                    "after", "must be the permitNo of a unit (1.." + MAX_TEXT + " characters)", null);
        }
        if (sort != null && !sort.isBlank()) {
            throw ApiException.invalidField("after", "only with the default order (by permitNo): leave sort out", null);
        }
        if (page != null && page != 0) {
            throw ApiException.invalidField("page", "must be absent or 0 with after", page);
        }
        return after;
    }

    @GetMapping("/changes")
    @Operation(
            summary = "Directory change feed",
            description = "Units of the caller's division in the order they last changed, for systems that keep a copy:"
                    + " start without 'after', then pass the answer's 'next' each time (a unit that changes again moves"
                    + " to the end and is served again; nothing is skipped). Changes younger than "
                    + "permitwatch.directory.changes-settle (2 min) are held back until every writer that could still"
                    + " commit before them has (docs/api/README.md).")
    Mono<DirectoryViews.ChangesPage> changes(
            @Parameter(description = "the 'next' of the previous answer; absent = from the beginning")
                    @RequestParam(required = false)
                    String after,
            @Parameter(description = "page size, 1..500, default 100") @RequestParam(required = false) Integer size) {
        int limit = size == null ? 100 : size;
        if (limit < 1 || limit > 500) {
            return Mono.error(ApiException.invalidField("size", "must be between 1 and 500", limit));
        }
        ChangeCursor from = after == null || after.isBlank()
                ? ChangeCursor.START
                : ChangeCursor.decode(after).orElse(null);
        if (from == null) {
            return Mono.error(ApiException.invalidField(
                    "after", "is not a cursor of this feed (use the 'next' of an answer)", null));
        }
        return CurrentCaller.get()
                .flatMap(caller -> queries.changes(
                                DivisionScope.likePattern(caller, null), from, changesSettle, limit + 1)
                        .map(unit ->
                                new DirectoryViews.UnitChange(DirectoryViews.UnitSummary.of(unit), unit.changedAt()))
                        .collectList()
                        .map(found -> {
                            boolean more = found.size() > limit;
                            List<DirectoryViews.UnitChange> items = more ? found.subList(0, limit) : found;
                            String next = items.isEmpty()
                                    ? (after == null || after.isBlank() ? ChangeCursor.START.encode() : after)
                                    : new ChangeCursor(
                                                    items.get(items.size() - 1)
                                                            .changedAt()
                                                            .toInstant(),
                                                    items.get(items.size() - 1)
                                                            .unit()
                                                            .permitNo())
                                            .encode();
                            return new DirectoryViews.ChangesPage(items, next, more);
                        }));
    }

    @GetMapping("/units/{permitNo}")
    @Operation(
            summary = "One unit with its permit detail",
            description = "404 when the permit is unknown or outside the caller's division. The legal representative "
                    + "is masked unless the token carries the pii:read scope. Includes the unit's violation history "
                    + "fed back from enforcement: the newest cases (capped by permitwatch.directory."
                    + "violation-history-limit) and their total; for a caller who is only an INSPECTOR both are null "
                    + "(withheld).")
    Mono<DirectoryViews.UnitDetail> get(@PathVariable String permitNo) {
        return CurrentCaller.get()
                .flatMap(caller -> queries.find(permitNo, DivisionScope.likePattern(caller, null))
                        .flatMap(unit -> readsCaseHistory(caller)
                                ? Mono.zip(
                                                queries.violationCount(permitNo),
                                                queries.violations(permitNo, violationHistoryLimit)
                                                        .collectList())
                                        .map(t -> DirectoryViews.UnitDetail.of(unit, caller, t.getT1(), t.getT2()))
                                : Mono.just(DirectoryViews.UnitDetail.of(unit, caller, null, null)))
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                                ProblemCodes.NOT_FOUND, "no directory unit " + permitNo + " in your division"))));
    }

    /**
     * The violation history lists the unit's cases (number, article, fine). An inspector reads only the cases of its
     * own tasks (inspection-service); the directory has no assignments, so a caller who is only an INSPECTOR gets the
     * unit without its case history. Issue 11.3.
     */
    private static boolean readsCaseHistory(Caller caller) {
        return caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY) || caller.hasRole(Role.COUNTY);
    }

    @GetMapping("/stats")
    @Operation(
            summary = "Unit counts per city × industry × category",
            description = "The denominators of the plan ratios, within the caller's division (optionally narrowed).")
    Mono<DirectoryViews.Stats> stats(
            @Parameter(description = "6-digit division code inside the caller's division")
                    @RequestParam(required = false)
                    String division) {
        return CurrentCaller.get().flatMap(caller -> {
            String like = DivisionScope.likePattern(caller, division);
            String scope =
                    division == null || division.isBlank() ? caller.division().value() : division;
            return queries.stats(like)
                    .map(r -> new DirectoryViews.StatsEntry(
                            r.cityCode(),
                            r.keyIndustry(),
                            r.keyIndustry().label(),
                            r.managementCategory(),
                            r.units(),
                            r.withoutPermit()))
                    .collectList()
                    .map(rows -> new DirectoryViews.Stats(
                            scope,
                            rows.stream()
                                    .mapToLong(DirectoryViews.StatsEntry::units)
                                    .sum(),
                            rows));
        });
    }

    private static String industry(String industry) {
        if (industry == null || industry.isBlank()) {
            return null;
        }
        if (!industry.matches("\\d{4}")) {
            throw ApiException.invalidField("industry", "must be a 4-digit GB/T 4754-2017 industry code", industry);
        }
        return industry;
    }

    private static String text(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String trimmed = q.trim();
        if (trimmed.length() > MAX_TEXT) {
            throw ApiException.invalidField("q", "must be at most " + MAX_TEXT + " characters", null);
        }
        return trimmed;
    }
}
