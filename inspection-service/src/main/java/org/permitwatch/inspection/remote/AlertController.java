package org.permitwatch.inspection.remote;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.web.ListSort;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.web.SortParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/alerts")
@Tag(
        name = "Alerts",
        description = "Non-site supervision (非现场监管) alerts — remote checks on the directory and automatic-monitoring "
                + "alerts (issue 19) — with their evidence; reviewed into a task, a case, or dismissed. Province, city "
                + "and county bureaus only, inside their division.")
class AlertController {

    private final AlertQueries queries;
    private final AlertReview review;

    AlertController(AlertQueries queries, AlertReview review) {
        this.queries = queries;
        this.review = review;
    }

    @GetMapping
    @Operation(
            summary = "List alerts",
            description = "Paged, newest first, inside the caller's division; filters "
                    + "rule, status, city and county (6-digit codes), and source (remote checks or monitoring alerts).")
    Mono<PageResponse<AlertView>> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) RemoteRule rule,
            @RequestParam(required = false) AlertStatus status,
            @RequestParam(required = false) String city,
            @RequestParam(required = false) String county,
            @Parameter(description = "REMOTE_CHECK (remote-check runs) or MONITORING (automatic-monitoring alerts)")
                    @RequestParam(required = false)
                    AlertSource source,
            @RequestParam(required = false) @SortParam(AlertSort.class) String sort) {
        return CurrentCaller.get().map(Bureau::require).flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            String orderBy = ListSort.orderBy(sort, AlertSort.class, "raised_at DESC, id", AlertSort.TIE_BREAKER);
            AlertQueries.Filter filter =
                    new AlertQueries.Filter(rule, status, division("city", city), division("county", county), source);
            String like = caller.division().likePattern();
            return queries.list(like, filter, orderBy, paging.offset(), paging.size())
                    .collectList()
                    .zipWith(queries.count(like, filter))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "One alert with its evidence", description = "404 when unknown or outside the division.")
    Mono<AlertView> get(@PathVariable UUID id) {
        return CurrentCaller.get().map(Bureau::require).flatMap(caller -> find(id, caller.division()));
    }

    @PostMapping("/{id}/review")
    @Operation(
            summary = "Review an OPEN alert",
            description = "DISMISS (reason required), TASK (a targeted task of "
                    + "origin ALERT: method, two or more on-post inspectors of the unit's city without a conflict, optional "
                    + "dueDate and department) or CASE (facts required; opens a case; a monitoring alert's series is "
                    + "frozen with the case, see /api/v1/cases/{id}/monitoring-evidence). 409 alert-not-open when the "
                    + "alert was reviewed or resolved already; 409 alert-without-violation-type (CASE of a monitoring "
                    + "rule this version does not know) and alert-is-forecast (CASE of an annual-tonnage forecast whose "
                    + "value is not above the limit).")
    Mono<AlertView> review(@PathVariable UUID id, @Valid @RequestBody ReviewRequest request) {
        return CurrentCaller.get()
                .map(Bureau::require)
                .flatMap(caller -> review.review(id, request, caller).then(find(id, caller.division())));
    }

    private Mono<AlertView> find(UUID id, DivisionCode division) {
        return queries.find(id, division.likePattern())
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(ProblemCodes.NOT_FOUND, "no alert " + id)));
    }

    private static String division(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!DivisionCode.isValid(value)) {
            throw ApiException.invalidField(parameter, "must be a 6-digit division code", value);
        }
        return value;
    }
}
