package org.permitwatch.liaison.clue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import java.util.UUID;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.web.SortParam;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/clues")
@Tag(
        name = "Clues",
        description = "线索移交 and 通报反馈 between monitoring, permit issuing, enforcement and damage compensation")
class ClueController {

    private final ClueStore store;

    ClueController(ClueStore store) {
        this.store = store;
    }

    @GetMapping
    @Operation(
            summary = "Clues the caller's division sent (OUTGOING) or receives (INCOMING)",
            description = "Paged, newest first unless sort says otherwise.")
    Mono<PageResponse<ClueView>> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String direction,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) @SortParam(ClueSort.class) String sort) {
        Paging paging = Paging.of(page, size);
        if (direction != null && !Set.of("INCOMING", "OUTGOING").contains(direction)) {
            throw ApiException.invalidField("direction", "must be INCOMING or OUTGOING", direction);
        }
        if (status != null && !ClueStore.statuses().contains(status)) {
            throw ApiException.invalidField("status", "must be one of " + ClueStore.statuses(), status);
        }
        return CurrentCaller.get().flatMap(caller -> {
            requireBureau(caller);
            return store.list(caller, direction, status, sort, paging)
                    .collectList()
                    .zipWith(store.count(caller, direction, status))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "One clue, for its sender or receiver")
    Mono<ClueView> get(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> {
            requireBureau(caller);
            return store.find(id, caller);
        });
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Transfer a clue from the caller's division to a receiving division and department",
            description = "The clue goes to the addressed division only and creates nothing there yet: the receiving "
                    + "bureau sees it as INCOMING and accepts or rejects it.")
    Mono<ClueView> create(@RequestBody ClueForms.Create form) {
        return CurrentCaller.get().flatMap(caller -> {
            requireBureau(caller);
            return store.create(form.validated(), caller).flatMap(id -> store.find(id, caller));
        });
    }

    @PostMapping("/{id}/accept")
    @Operation(
            summary = "Receiver accepts the clue (CREATED → ACCEPTED)",
            description = "Users whose division contains the addressed one. A clue for ENFORCEMENT then becomes a "
                    + "targeted inspection task (origin CLUE) in inspection-service if the unit lies in the addressed "
                    + "division; otherwise the clue is REJECTED with reason unit-outside-division (taskOutcome shows "
                    + "which). The sender gets 403 clue-receiver-only, anyone else 404.")
    Mono<ClueView> accept(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> {
            requireBureau(caller);
            return store.accept(id, caller).then(store.find(id, caller));
        });
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Receiver rejects the clue with a reason (CREATED → REJECTED)")
    Mono<ClueView> reject(@PathVariable UUID id, @RequestBody ClueForms.Reject form) {
        return CurrentCaller.get().flatMap(caller -> {
            requireBureau(caller);
            return store.reject(id, form.validated(), caller).then(store.find(id, caller));
        });
    }

    @PostMapping("/{id}/feedback")
    @Operation(summary = "Receiver reports what was done (ACCEPTED → FEEDBACK_GIVEN)")
    Mono<ClueView> feedback(@PathVariable UUID id, @RequestBody ClueForms.Feedback form) {
        return CurrentCaller.get().flatMap(caller -> {
            requireBureau(caller);
            return store.feedback(id, form.validated(), caller).then(store.find(id, caller));
        });
    }

    @PostMapping("/{id}/close")
    @Operation(summary = "Sender closes the clue after reading the feedback (FEEDBACK_GIVEN → CLOSED)")
    Mono<ClueView> close(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> {
            requireBureau(caller);
            return store.close(id, caller).then(store.find(id, caller));
        });
    }

    /**
     * Clues are bureau business: an inspector works only on tasks assigned to it (a clue becomes one once the
     * receiving bureau accepts it), so it neither handles nor reads clues (issue 11.3).
     */
    private static void requireBureau(Caller caller) {
        if (!(caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY) || caller.hasRole(Role.COUNTY))) {
            throw ApiException.forbidden(ProblemCodes.FORBIDDEN, "only bureau users transfer, read and handle clues");
        }
    }
}
