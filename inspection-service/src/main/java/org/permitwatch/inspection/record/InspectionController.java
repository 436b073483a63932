package org.permitwatch.inspection.record;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.web.ListSort;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.web.SortParam;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/inspections")
@Tag(
        name = "Inspection records",
        description = "检查记录: checklist results, measurements, evidence; drafts, idempotent "
                + "submission, corrections as new versions")
class InspectionController {

    private static final String IDEMPOTENCY_DOC = "retry-safe key of the client: the same key and body replay the "
            + "first response, a different body is a 422 problem";

    private final InspectionService service;
    private final RecordStore store;
    private final JsonMapper json;

    InspectionController(InspectionService service, RecordStore store, JsonMapper json) {
        this.service = service;
        this.store = store;
        this.json = json;
    }

    @PostMapping
    @Operation(
            summary = "Start a record for a task (optionally submitting it at once)",
            description = "Pins the checklist version current for the unit's city. 201 with the record. Submitting "
                    + "with an inspection day before today is back-dating: beyond permitwatch.inspection.record.backdate."
                    + "window-days (3) backdateReason is required (400 naming it); every back-dating is audited "
                    + "(record.backdate: inspectedOn, days, reason).")
    Mono<ResponseEntity<RecordView>> create(
            @Parameter(description = IDEMPOTENCY_DOC) @RequestHeader(name = IdempotencyKeys.HEADER, required = false)
                    String key,
            @Valid @RequestBody RecordInput.Create body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.create(caller, body, key))
                .map(this::response);
    }

    @PutMapping("/{id}")
    @Operation(
            summary = "Save a draft",
            description = "Replaces the draft's content; 409 once the record is submitted.")
    Mono<ResponseEntity<RecordView>> update(@PathVariable UUID id, @Valid @RequestBody RecordInput.Draft body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.updateDraft(caller, id, body))
                .map(this::response);
    }

    @PostMapping("/{id}/submit")
    @Operation(
            summary = "Submit a draft",
            description = "Makes the record immutable as version 1, records its findings "
                    + "and marks the task done. An inspection day further back than the back-date window needs the draft's "
                    + "backdateReason (400 naming it); every back-dating is audited (record.backdate).")
    Mono<ResponseEntity<RecordView>> submit(
            @PathVariable UUID id,
            @Parameter(description = IDEMPOTENCY_DOC) @RequestHeader(name = IdempotencyKeys.HEADER, required = false)
                    String key) {
        return CurrentCaller.get()
                .flatMap(caller -> service.submit(caller, id, key))
                .map(this::response);
    }

    @PostMapping("/{id}/corrections")
    @Operation(
            summary = "Correct a submitted record",
            description =
                    "Adds a new version with the full corrected "
                            + "content and the reason; findings of changed items are superseded, never deleted. Moving the inspection "
                            + "day further back than the back-date window needs backdateReason (400); an unchanged day does not.")
    Mono<ResponseEntity<RecordView>> correct(
            @PathVariable UUID id,
            @Parameter(description = IDEMPOTENCY_DOC) @RequestHeader(name = IdempotencyKeys.HEADER, required = false)
                    String key,
            @Valid @RequestBody RecordInput.Correction body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.correct(caller, id, body, key))
                .map(this::response);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One record", description = "404 when unknown or outside the caller's scope.")
    Mono<RecordView> get(@PathVariable UUID id) {
        return CurrentCaller.get()
                .flatMap(caller -> store.find(id, RecordScope.of(caller), false))
                .map(RecordView::of)
                .switchIfEmpty(Mono.error(() -> InspectionService.notFound(id)));
    }

    @GetMapping("/{id}/versions")
    @Operation(summary = "Submitted versions of a record, oldest first")
    Mono<List<RecordView.Version>> versions(@PathVariable UUID id) {
        return CurrentCaller.get()
                .flatMap(caller -> store.find(id, RecordScope.of(caller), false))
                .switchIfEmpty(Mono.error(() -> InspectionService.notFound(id)))
                .flatMap(row -> store.versions(row.id()))
                .map(rows -> rows.stream().map(RecordView.Version::of).toList());
    }

    @GetMapping
    @Operation(summary = "List records", description = "Paged, newest first, scoped (an inspector: their own tasks).")
    Mono<PageResponse<RecordView>> list(
            @Parameter(description = "0-based page") @RequestParam(required = false) Integer page,
            @Parameter(description = "page size, 1..200, default 20") @RequestParam(required = false) Integer size,
            @Parameter(description = "task id") @RequestParam(required = false) UUID taskId,
            @Parameter(description = "permit number of the unit") @RequestParam(required = false) String permitNumber,
            @Parameter(description = "DRAFT or SUBMITTED") @RequestParam(required = false) String status,
            @RequestParam(required = false) @SortParam(RecordSort.class) String sort) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            String orderBy =
                    ListSort.orderBy(sort, RecordSort.class, "r.created_at DESC, r.id", RecordSort.TIE_BREAKER);
            RecordScope scope = RecordScope.of(caller);
            String st = status(status);
            String permit = permitNumber == null || permitNumber.isBlank() ? null : permitNumber.trim();
            return store.list(scope, taskId, permit, st, orderBy, paging.offset(), paging.size())
                    .map(RecordView::of)
                    .collectList()
                    .zipWith(store.count(scope, taskId, permit, st))
                    .map(t -> new PageResponse<>(t.getT1(), paging.page(), paging.size(), t.getT2()));
        });
    }

    private ResponseEntity<RecordView> response(IdempotencyKeys.Reply reply) {
        // Fresh and replayed replies are both rendered from the stored JSON, so a retry gets the identical body.
        RecordView view = json.readValue(reply.body(), RecordView.class);
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(reply.status());
        if (reply.status() == 201) {
            builder.location(URI.create("/api/v1/inspections/" + reply.recordId()));
        }
        return builder.body(view);
    }

    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String s = status.trim().toUpperCase();
        if (!s.equals(RecordRow.DRAFT) && !s.equals(RecordRow.SUBMITTED)) {
            throw ApiException.invalidField("status", "must be DRAFT or SUBMITTED", status);
        }
        return s;
    }
}
