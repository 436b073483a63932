package org.permitwatch.inspection.inspector;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/inspectors")
@Tag(name = "Inspectors", description = "执法检查人员名录库: certified officers and their declared conflicts of interest")
class InspectorController {

    private final InspectorStore store;

    InspectorController(InspectorStore store) {
        this.store = store;
    }

    @GetMapping
    @Operation(
            summary = "List inspectors in the caller's division",
            description =
                    "Phone numbers are masked without the pii:read scope. An INSPECTOR-only caller sees their own entry.")
    Mono<PageResponse<InspectorViews.Inspector>> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) Boolean onPost) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            return store.list(caller, onPost, paging.offset(), paging.size())
                    .map(i -> i.forCaller(caller))
                    .collectList()
                    .zipWith(store.count(caller, onPost))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "One inspector", description = "404 when unknown or outside the caller's division.")
    Mono<InspectorViews.Inspector> get(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> store.find(id, caller).map(i -> i.forCaller(caller)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register an inspector (CITY or PROVINCE, inside their division)")
    Mono<InspectorViews.Inspector> create(@RequestBody InspectorForm form) {
        return CurrentCaller.get()
                .flatMap(caller -> store.create(form.validated(), caller)
                        .flatMap(id -> store.find(id, caller))
                        .map(i -> i.forCaller(caller)));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace an inspector's entry (CITY or PROVINCE, inside their division)")
    Mono<InspectorViews.Inspector> update(@PathVariable UUID id, @RequestBody InspectorForm form) {
        return CurrentCaller.get()
                .flatMap(caller -> store.update(id, form.validated(), caller)
                        .then(store.find(id, caller))
                        .map(i -> i.forCaller(caller)));
    }

    @PostMapping("/{id}/conflicts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Declare a conflict of interest (回避) with a unit",
            description =
                    "By the bureau or by the inspector themselves; a draw never assigns the inspector to that unit.")
    Mono<InspectorViews.Conflict> declare(@PathVariable UUID id, @RequestBody ConflictForm form) {
        form.validate();
        return CurrentCaller.get()
                .flatMap(caller -> store.declareConflict(
                        id, form.permitNumber().trim(), form.reason().trim(), caller));
    }

    @GetMapping("/{id}/conflicts")
    @Operation(summary = "Declared conflicts of one inspector")
    Mono<List<InspectorViews.Conflict>> conflicts(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> store.conflicts(id, caller).collectList());
    }

    record ConflictForm(String permitNumber, String reason) {

        void validate() {
            List<FieldProblem> problems = new java.util.ArrayList<>();
            if (permitNumber == null || permitNumber.isBlank() || permitNumber.length() > 40) {
                problems.add(new FieldProblem("permitNumber", "is required, at most 40 characters", permitNumber));
            }
            if (reason == null || reason.isBlank() || reason.length() > 500) {
                problems.add(new FieldProblem("reason", "is required, at most 500 characters", null));
            }
            if (!problems.isEmpty()) {
                throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "conflict is invalid", problems);
            }
        }
    }
}
