package org.permitwatch.inspection.interview;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.permitwatch.support.security.CurrentCaller;
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
@RequestMapping("/api/v1/cases/{caseId}/interviews")
@Tag(
        name = "Case interviews",
        description = "调查询问: interviews of a case, printed as 调查询问笔录 (docs/inspection/documents.md#interviews)")
class InterviewController {

    private final InterviewService service;

    InterviewController(InterviewService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(
            summary = "Record an interview of the case",
            description = "Stores the interview (immutable) with its officers copied from the inspector directory of "
                    + "the case's city (name, 执法证号). PROVINCE, CITY or COUNTY staff; 404 outside the caller's "
                    + "division; audited (interview.record). 400 naming each field at fault: intervieweeName, "
                    + "intervieweeIdNumber (18 characters), intervieweeRole, place, startedAt, endedAt (after "
                    + "startedAt), officerIds (2..4 distinct inspectors of the case's city), questions (1..200, each "
                    + "with question and answer), confirmation. 201 with the interview (name and ID number masked "
                    + "without pii:read). Print it with POST /documents {kind: INTERVIEW_RECORD, subjectId: id}.")
    Mono<ResponseEntity<InterviewViews.Interview>> record(
            @PathVariable UUID caseId, @RequestBody InterviewViews.InterviewRequest body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.record(caseId, body, caller))
                .map(view -> ResponseEntity.created(URI.create("/api/v1/cases/" + caseId + "/interviews/" + view.id()))
                        .body(view));
    }

    @GetMapping
    @Operation(
            summary = "List the case's interviews",
            description = "Paged, in the order they were held by default, under the case's scope (404 outside it). The "
                    + "interviewee's name and ID number are masked without pii:read.")
    Mono<PageResponse<InterviewViews.Interview>> list(
            @PathVariable UUID caseId,
            @Parameter(description = "0-based page") @RequestParam(required = false) Integer page,
            @Parameter(description = "page size, 1..200, default 20") @RequestParam(required = false) Integer size,
            @RequestParam(required = false) @SortParam(InterviewSort.class) String sort) {
        return CurrentCaller.get().flatMap(caller -> {
            String orderBy =
                    ListSort.orderBy(sort, InterviewSort.class, InterviewSort.DEFAULT_ORDER, InterviewSort.TIE_BREAKER);
            return service.list(caseId, orderBy, Paging.of(page, size), caller);
        });
    }

    @GetMapping("/{interviewId}")
    @Operation(summary = "One interview of the case", description = "404 outside the case's scope.")
    Mono<InterviewViews.Interview> get(@PathVariable UUID caseId, @PathVariable UUID interviewId) {
        return CurrentCaller.get().flatMap(caller -> service.get(caseId, interviewId, caller));
    }
}
