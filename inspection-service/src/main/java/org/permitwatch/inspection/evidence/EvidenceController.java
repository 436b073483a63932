package org.permitwatch.inspection.evidence;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.permitwatch.inspection.evidence.EvidenceViews.Declaration;
import org.permitwatch.inspection.evidence.EvidenceViews.Declared;
import org.permitwatch.inspection.evidence.EvidenceViews.Download;
import org.permitwatch.inspection.evidence.EvidenceViews.EvidenceView;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.web.PageResponse;
import org.springframework.http.HttpStatus;
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
@RequestMapping("/api/v1/inspections/{recordId}/evidence")
@Tag(
        name = "Evidence files",
        description = "证据文件: photos, video, audio and documents of an inspection record, kept in S3-compatible "
                + "storage after their SHA-256 and size were checked (ADR 0031)")
class EvidenceController {

    private final EvidenceService service;

    EvidenceController(EvidenceService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(
            summary = "Declare a file and get its upload URL",
            description = "201 with the declaration (DECLARED) and a presigned PUT (send exactly the returned headers "
                    + "and exactly `size` bytes; valid permitwatch.evidence.upload-ttl, 15 min; create-only: a second "
                    + "PUT to it is refused with 412). The same bytes (sha256) declared again for the record answer "
                    + "200 with that declaration (a fresh URL while DECLARED, none once KEPT): retries never "
                    + "duplicate. 400 naming mediaType (photos, video, audio, PDF, CSV, XLSX; never HTML or SVG) or size "
                    + "(above permitwatch.evidence.max-size, 100 MiB). Record's inspectors and city/county staff only.")
    Mono<ResponseEntity<Declared>> declare(@PathVariable UUID recordId, @Valid @RequestBody Declaration body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.declare(caller, recordId, body))
                .map(outcome -> ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(outcome.declared()));
    }

    @PostMapping("/{id}/confirm")
    @Operation(
            summary = "Confirm an upload: the service reads the file and keeps it",
            description = "Reads the object back and compares its length and SHA-256 with the declaration: equal → "
                    + "KEPT (who, when, where and the hash are recorded and audited). Different → 422 "
                    + "(evidence-sha256-mismatch or evidence-size-mismatch, errors naming sha256/size), the object is "
                    + "removed and the declaration stays REFUSED with the reason. 409 evidence-not-uploaded when no "
                    + "file arrived yet; 409 evidence-already-confirmed for a second confirmation.")
    Mono<EvidenceView> confirm(@PathVariable UUID recordId, @PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> service.confirm(caller, recordId, id));
    }

    @GetMapping("/{id}/download")
    @Operation(
            summary = "A short-lived download link of a kept file",
            description = "After the record's scope check (404, audited, for a caller outside it): a presigned GET "
                    + "valid permitwatch.evidence.download-ttl (2 min) through the gateway's /evidence-store, served "
                    + "as an attachment with a passive type (images and PDF as themselves, anything else "
                    + "application/octet-stream). 409 evidence-not-kept while DECLARED or REFUSED.")
    Mono<Download> download(@PathVariable UUID recordId, @PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> service.download(caller, recordId, id));
    }

    @GetMapping
    @Operation(
            summary = "The record's evidence files",
            description = "Paged, oldest declaration first; 404 outside scope.")
    Mono<PageResponse<EvidenceView>> list(
            @PathVariable UUID recordId,
            @Parameter(description = "0-based page") @RequestParam(required = false) Integer page,
            @Parameter(description = "page size, 1..200, default 20") @RequestParam(required = false) Integer size) {
        return CurrentCaller.get().flatMap(caller -> service.list(caller, recordId, page, size));
    }
}
