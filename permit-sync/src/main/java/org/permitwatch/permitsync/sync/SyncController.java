package org.permitwatch.permitsync.sync;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
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
@RequestMapping("/api/v1/sync/runs")
@Tag(
        name = "Permit sync",
        description = "Sync of the object directory from the national permit platform. Province only: "
                + "a sync covers the whole province.")
class SyncController {

    private final SyncService service;
    private final SyncRunRepository runs;
    private final int maxAttempts;

    SyncController(SyncService service, SyncRunRepository runs, SyncProperties properties) {
        this.service = service;
        this.runs = runs;
        this.maxAttempts = properties.autoResume().maxAttempts();
    }

    private RunView view(SyncRun run) {
        return RunView.of(run, maxAttempts);
    }

    record StartRequest(
            @NotNull @Schema(example = "INCREMENTAL") SyncMode mode) {}

    record RunView(
            UUID id,
            SyncMode mode,
            SyncStatus status,
            String trigger,
            String actor,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt,
            OffsetDateTime watermarkFrom,
            OffsetDateTime watermarkTo,
            OffsetDateTime checkpointUpdatedAt,
            String checkpointPermitNo,
            int checkpointPageNo,
            int pages,
            int fetched,
            int created,
            int updated,
            int unchanged,
            int failed,
            int pauseCount,
            String lastError,

            @Schema(
                    description = "the platform's count of the records this run lists (all permits for FULL, "
                            + "those changed since the watermark for INCREMENTAL), from its first list "
                            + "answer; null until then. fetched / expectedRecords is the run's progress; "
                            + "records changed during the run can make fetched exceed it slightly")
            Long expectedRecords,

            @Schema(
                    description =
                            "the instance holding the run's lease while RUNNING (pod name + suffix); null otherwise")
            String leaseOwner,

            @Schema(
                    description = "while RUNNING: the owner must renew its lease (heartbeat) before this time, or "
                            + "another instance takes the run over from its checkpoint")
            OffsetDateTime leaseExpiresAt,

            @Schema(description = "while PAUSED: why, the last fault and when it resumes by itself; null otherwise")
            PauseView pause) {
        static RunView of(SyncRun r, int maxAttempts) {
            return new RunView(
                    r.id(),
                    r.mode(),
                    r.status(),
                    r.trigger(),
                    r.actor(),
                    r.startedAt(),
                    r.finishedAt(),
                    r.watermarkFrom(),
                    r.watermarkTo(),
                    r.cursorUpdatedAt(),
                    r.cursorPermitNo(),
                    r.cursorPageNo(),
                    r.pages(),
                    r.fetched(),
                    r.created(),
                    r.updated(),
                    r.unchanged(),
                    r.failed(),
                    r.pauseCount(),
                    r.lastError(),
                    r.listedTotal(),
                    r.leaseOwner(),
                    r.leaseExpiresAt(),
                    r.status() == SyncStatus.PAUSED ? PauseView.of(r, maxAttempts) : null);
        }
    }

    @Schema(name = "SyncPause", description = "A paused run: why, and its automatic resume")
    record PauseView(
            @Schema(
                    description = "PLATFORM_UNAVAILABLE: resumes by itself at nextRetryAt; RETRIES_EXHAUSTED: the "
                            + "automatic attempts are used up, an operator resumes it (POST /api/v1/sync/runs) or the "
                            + "schedule does")
            PauseReason reason,

            @Schema(description = "the platform fault that paused the run, as the connector reported it")
            String lastFault,

            OffsetDateTime pausedAt,

            @Schema(
                    description = "automatic resumes made since the run last committed a page or was resumed by hand "
                            + "(each of them paused again without progress)")
            int attemptsMade,

            @Schema(description = "the number of the planned automatic resume (attemptsMade + 1); null when none is")
            Integer attempt,

            @Schema(description = "permitwatch.sync.auto-resume.max-attempts")
            int maxAttempts,

            @Schema(description = "when the run resumes by itself; null when the cap is reached")
            OffsetDateTime nextRetryAt) {
        static PauseView of(SyncRun r, int maxAttempts) {
            PauseReason reason = r.pauseReason() == null ? PauseReason.PLATFORM_UNAVAILABLE : r.pauseReason();
            Integer attempt = r.nextRetryAt() == null ? null : r.retryAttempts() + 1;
            return new PauseView(
                    reason, r.lastError(), r.pausedAt(), r.retryAttempts(), attempt, maxAttempts, r.nextRetryAt());
        }
    }

    record FailureView(String permitNo, String stage, String reason, OffsetDateTime occurredAt) {}

    @PostMapping
    @Operation(
            summary = "Start a sync run (or resume the paused one)",
            description = "202 with the run and its Location; the run goes on in the background. 409 while another run "
                    + "is RUNNING (on any instance: it holds the run's lease). A PAUSED run is resumed from its "
                    + "checkpoint, also after its automatic resumes were used up, and its attempts start again. "
                    + "Requires the PROVINCE role.")
    Mono<ResponseEntity<RunView>> start(@Valid @RequestBody StartRequest request) {
        return provinceCaller()
                .flatMap(caller -> service.trigger(request.mode(), "API", caller.subject()))
                .map(run -> ResponseEntity.accepted()
                        .location(URI.create("/api/v1/sync/runs/" + run.id()))
                        .body(view(run)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One sync run with its counts, checkpoint, lease and (when PAUSED) its automatic resume")
    Mono<RunView> get(@PathVariable UUID id) {
        return provinceCaller()
                .flatMap(c -> runs.findById(id))
                .map(this::view)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(ProblemCodes.NOT_FOUND, "no sync run " + id)));
    }

    @GetMapping
    @Operation(summary = "Sync runs, newest first")
    Mono<PageResponse<RunView>> list(
            @Parameter(description = "0-based page") @RequestParam(required = false) Integer page,
            @Parameter(description = "1..200, default 20") @RequestParam(required = false) Integer size) {
        return provinceCaller().flatMap(c -> {
            Paging paging = Paging.of(page, size);
            return runs.list(paging.offset(), paging.size())
                    .map(this::view)
                    .collectList()
                    .zipWith(runs.count())
                    .map(t -> new PageResponse<>(t.getT1(), paging.page(), paging.size(), t.getT2()));
        });
    }

    @GetMapping("/{id}/failures")
    @Operation(summary = "Permits a run could not store, with stage and reason")
    Mono<PageResponse<FailureView>> failures(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return provinceCaller().flatMap(c -> {
            Paging paging = Paging.of(page, size);
            return runs.findById(id)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound(ProblemCodes.NOT_FOUND, "no sync run " + id)))
                    .flatMap(run -> runs.failures(id, paging.offset(), paging.size())
                            .map(f -> new FailureView(f.permitNo(), f.stage(), f.reason(), f.occurredAt()))
                            .collectList()
                            .zipWith(runs.countFailures(id))
                            .map(t -> new PageResponse<>(t.getT1(), paging.page(), paging.size(), t.getT2())));
        });
    }

    /** A sync spans the whole province, so a city or county user may neither start nor inspect one. */
    private static Mono<Caller> provinceCaller() {
        return CurrentCaller.get()
                .flatMap(caller -> caller.hasRole(Role.PROVINCE)
                        ? Mono.just(caller)
                        : Mono.error(
                                ApiException.forbidden(ProblemCodes.FORBIDDEN, "sync runs require the PROVINCE role")));
    }
}
