package org.permitwatch.inspection.document;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.permitwatch.inspection.record.IdempotencyKeys;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.web.ListSort;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.web.SortParam;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/cases/{caseId}/documents")
@Tag(
        name = "Case documents",
        description = "执法文书: issued from the case's data with their 文号, as DOCX and PDF (docs/inspection/documents.md)")
class DocumentController {

    static final MediaType DOCX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private static final String IDEMPOTENCY_DOC = "retrying with the same key answers the first response (no new 文号)";

    private final DocumentService service;
    private final DocumentQueries queries;
    private final JsonMapper json;

    DocumentController(DocumentService service, DocumentQueries queries, JsonMapper json) {
        this.service = service;
        this.queries = queries;
        this.json = json;
    }

    @PostMapping
    @Operation(
            summary = "Issue a document of the case",
            description = "Renders the kind's current template version from the case's data as DOCX and PDF, gives it "
                    + "the next 文号 of the caller's bureau for the year and kind (e.g. 并环罚〔2026〕12号; no gap, no "
                    + "duplicate), stores both files immutably with their SHA-256 and lists the case's evidence files "
                    + "with theirs. PROVINCE, CITY or COUNTY staff (decisions and their notice: CITY or PROVINCE); "
                    + "404 outside the caller's division; audited (document.issue / document.reissue). 409 when the "
                    + "case does not allow the kind yet: inspection-record-missing, rectification-required, "
                    + "proposal-required, case-already-decided, fine-decision-required, no-penalty-decision-required, "
                    + "rectification-not-verified, daily-penalty-required, served-document-not-issued; 409 "
                    + "document-exists (reissue with reissueOf and reason), document-already-reissued. 400 naming "
                    + "kind, subjectId, reissueOf or reason. 201 with the document.")
    Mono<ResponseEntity<DocumentViews.Document>> issue(
            @PathVariable UUID caseId,
            @Parameter(description = IDEMPOTENCY_DOC) @RequestHeader(name = IdempotencyKeys.HEADER, required = false)
                    String key,
            @RequestBody DocumentViews.IssueRequest body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.issue(caseId, body, caller, key))
                .map(reply -> ResponseEntity.status(reply.status())
                        .location(URI.create("/api/v1/cases/" + caseId + "/documents/" + reply.recordId()))
                        // Fresh and replayed replies are both read from the stored JSON: a retry gets the same body.
                        .body(json.readValue(reply.body(), DocumentViews.Document.class)));
    }

    @GetMapping
    @Operation(
            summary = "List the case's documents",
            description = "Paged, newest first by default, under the case's scope (404 outside it).")
    Mono<PageResponse<DocumentViews.Document>> list(
            @PathVariable UUID caseId,
            @Parameter(description = "only this kind") @RequestParam(required = false) DocumentKind kind,
            @Parameter(description = "0-based page") @RequestParam(required = false) Integer page,
            @Parameter(description = "page size, 1..200, default 20") @RequestParam(required = false) Integer size,
            @RequestParam(required = false) @SortParam(DocumentSort.class) String sort) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            String orderBy =
                    ListSort.orderBy(sort, DocumentSort.class, "d.issued_at DESC, d.id", DocumentSort.TIE_BREAKER);
            return queries.list(caseId, kind, orderBy, paging, caller);
        });
    }

    @GetMapping("/{documentId}/pdf")
    @Operation(
            summary = "Download a document's PDF",
            description = "The stored bytes as issued (ETag = their SHA-256); 404 outside the case's scope.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            mediaType = "application/pdf",
                                            schema = @Schema(type = "string", format = "binary"))))
    Mono<ResponseEntity<byte[]>> pdf(@PathVariable UUID caseId, @PathVariable UUID documentId) {
        return download(caseId, documentId, true);
    }

    @GetMapping("/{documentId}/docx")
    @Operation(
            summary = "Download a document's DOCX",
            description = "The stored bytes as issued (ETag = their SHA-256); 404 outside the case's scope.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            mediaType =
                                                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                            schema = @Schema(type = "string", format = "binary"))))
    Mono<ResponseEntity<byte[]>> docx(@PathVariable UUID caseId, @PathVariable UUID documentId) {
        return download(caseId, documentId, false);
    }

    private Mono<ResponseEntity<byte[]>> download(UUID caseId, UUID documentId, boolean pdf) {
        return CurrentCaller.get()
                .flatMap(caller -> queries.file(caseId, documentId, pdf, caller))
                .map(file -> ResponseEntity.ok()
                        .contentType(pdf ? MediaType.APPLICATION_PDF : DOCX)
                        .eTag("\"" + file.sha256() + "\"")
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment()
                                        .filename(file.fileName(), StandardCharsets.UTF_8)
                                        .build()
                                        .toString())
                        .body(file.bytes()));
    }
}
