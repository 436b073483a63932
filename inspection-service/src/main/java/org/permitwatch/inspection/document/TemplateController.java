package org.permitwatch.inspection.document;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/document-templates")
@Tag(
        name = "Document templates",
        description = "执法文书 templates: versioned data the province changes by adding versions")
class TemplateController {

    private final TemplateVersions versions;

    TemplateController(TemplateVersions versions) {
        this.versions = versions;
    }

    /** A new version of a kind's template. */
    record NewVersion(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            DocumentKind kind,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100)
            String title,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    maxLength = 10,
                    description = "the kind's word in the 文号 (罚 in 并环罚〔2026〕12号)")
            String numberWord,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            List<DocumentTemplate.Block> blocks) {}

    /** A stored version. */
    record Version(
            @Schema(
                    deprecated = true,
                    type = "string",
                    allowableValues = {
                        "INSPECTION_RECORD",
                        "RECTIFICATION_ORDER",
                        "PRIOR_NOTICE",
                        "PENALTY_DECISION",
                        "NO_PENALTY_DECISION",
                        "DAILY_PENALTY_DECISION",
                        "SERVICE_RECEIPT"
                    },
                    description = DocumentKind.V1_NOTE)
            String kind,

            @Schema(description = DocumentKind.OPEN_NOTE) String documentKind,
            int version,
            String title,
            String numberWord,
            List<DocumentTemplate.Block> blocks,
            String createdBy,
            OffsetDateTime createdAt) {}

    @PostMapping
    @Operation(
            summary = "Publish a new version of a document template",
            description = "PROVINCE staff only (403). The version is the kind's highest + 1; documents issued from now "
                    + "on use it and record it, documents issued before keep theirs. Blocks {style BUREAU|TITLE|NUMBER|"
                    + "TEXT|FIELD|EVIDENCE|SIGNATURE, label (FIELD), text with {{name}} placeholders, when (a flag)}: a "
                    + "placeholder or flag the kind does not know, a FIELD without label, or no NUMBER block printing "
                    + "{{documentNo}} is 400 naming blocks[i].text / .label / .when / blocks. Audited "
                    + "(document-template.publish).")
    Mono<ResponseEntity<Version>> publish(@RequestBody NewVersion body) {
        return CurrentCaller.get()
                .flatMap(caller -> versions.publish(body, caller))
                .map(v -> ResponseEntity.created(URI.create("/api/v1/document-templates?kind=" + v.documentKind()))
                        .body(v));
    }

    @GetMapping
    @Operation(
            summary = "List template versions",
            description = "Paged, by kind, newest version first; any role of the bureaus.")
    Mono<PageResponse<Version>> list(
            @Parameter(description = "only this kind") @RequestParam(required = false) DocumentKind kind,
            @Parameter(description = "0-based page") @RequestParam(required = false) Integer page,
            @Parameter(description = "page size, 1..200, default 20") @RequestParam(required = false) Integer size) {
        return CurrentCaller.get().flatMap(caller -> versions.list(kind, Paging.of(page, size)));
    }
}
