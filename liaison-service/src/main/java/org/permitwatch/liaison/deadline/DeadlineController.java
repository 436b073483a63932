package org.permitwatch.liaison.deadline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.UUID;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@EnableConfigurationProperties(DeadlineProperties.class)
@Tag(name = "Deadlines", description = "报送要求: obligations the province sets, cities' submissions and their status")
class DeadlineController {

    private final DeadlineStore deadlines;
    private final SubmissionService submissions;
    private final Clock clock;

    DeadlineController(DeadlineStore deadlines, SubmissionService submissions, ObjectProvider<Clock> clock) {
        this.deadlines = deadlines;
        this.submissions = submissions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/api/v1/deadlines")
    @Operation(summary = "Reporting obligations with their dated instances")
    Mono<PageResponse<DeadlineViews.Obligation>> list(
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            return deadlines
                    .list(paging.offset(), paging.size())
                    .collectList()
                    .zipWith(deadlines.count())
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }

    @GetMapping("/api/v1/deadlines/{id}")
    Mono<DeadlineViews.Obligation> get(@PathVariable UUID id) {
        return CurrentCaller.get().then(deadlines.find(id));
    }

    @PostMapping("/api/v1/deadlines")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Define an obligation (PROVINCE)",
            description = "ONCE with dueDate, or MONTHLY with dueDay, firstMonth, lastMonth.")
    Mono<DeadlineViews.Obligation> create(@RequestBody ObligationForm form) {
        return CurrentCaller.get().flatMap(caller -> {
            requireProvince(caller);
            return deadlines.create(form.validated(), false).flatMap(deadlines::find);
        });
    }

    @PutMapping("/api/v1/deadlines/{id}")
    @Operation(
            summary = "Edit an obligation (PROVINCE)",
            description = "Instances keep their ids; one with submissions cannot be removed (409).")
    Mono<DeadlineViews.Obligation> update(@PathVariable UUID id, @RequestBody ObligationForm form) {
        return CurrentCaller.get().flatMap(caller -> {
            requireProvince(caller);
            return deadlines.update(id, form.validated()).then(deadlines.find(id));
        });
    }

    @GetMapping("/api/v1/deadlines/{id}/status")
    @Operation(
            summary = "Per-city status: ON_TIME, LATE, MISSING or PENDING",
            description =
                    "For every instance (or only the month given as period). The province sees every city, others their own.")
    Mono<DeadlineViews.Status> status(@PathVariable UUID id, @RequestParam(required = false) String period) {
        return CurrentCaller.get()
                .flatMap(caller -> deadlines.find(id).flatMap(obligation -> {
                    var now = clock.instant();
                    return deadlines
                            .instances(id, period)
                            .concatMap(instance -> deadlines
                                    .status(instance, SubmissionService.scope(caller), now)
                                    .collectList()
                                    .map(cities -> new DeadlineViews.InstanceStatus(
                                            instance.id(), instance.period(), instance.dueDate(), cities)))
                            .collectList()
                            .map(instances -> new DeadlineViews.Status(
                                    id, obligation.code(), obligation.title(), now, instances));
                }));
    }

    @PostMapping("/api/v1/submissions")
    @Operation(
            summary = "Submit against a deadline (CITY, for its own city)",
            description =
                    "A resubmission adds a version. With Idempotency-Key a retry returns the first result (200) instead of a new version.")
    Mono<ResponseEntity<DeadlineViews.Submission>> submit(
            @RequestBody SubmissionForm form,
            @RequestHeader(name = SubmissionService.IDEMPOTENCY_HEADER, required = false) String key) {
        return CurrentCaller.get()
                .flatMap(caller -> submissions.submit(form.validated(), key, caller))
                .map(o -> ResponseEntity.status(o.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(o.submission()));
    }

    @GetMapping("/api/v1/submissions")
    @Operation(summary = "Submissions visible to the caller (own city; the province all)")
    Mono<PageResponse<DeadlineViews.Submission>> submissions(
            @RequestParam(required = false) UUID deadlineId,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            return submissions
                    .list(caller, deadlineId, paging.offset(), paging.size())
                    .collectList()
                    .zipWith(submissions.count(caller, deadlineId))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }

    private static void requireProvince(Caller caller) {
        if (!caller.hasRole(Role.PROVINCE)) {
            throw ApiException.forbidden("deadline-write-forbidden", "only the province defines deadlines");
        }
    }
}
