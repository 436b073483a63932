package org.permitwatch.inspection.document;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Bodies of the document API. */
final class DocumentViews {

    private DocumentViews() {}

    /**
     * {@code POST /api/v1/cases/{id}/documents}.
     *
     * @param subjectId the DAILY_CONTINUOUS decision (DAILY_PENALTY_DECISION) or the issued document
     *                  (SERVICE_RECEIPT) the document is about; absent for the other kinds
     * @param reissueOf an issued document of the same case and kind this one replaces (new number)
     * @param reason    why it is reissued; required with reissueOf
     */
    record IssueRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            DocumentKind kind,

            UUID subjectId,
            UUID reissueOf,
            @Schema(maxLength = 500) String reason) {}

    /** An issued document. Its files are immutable; their SHA-256 are recorded when issued. */
    record Document(
            UUID id,
            UUID caseId,

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
            String title,
            @Schema(example = "并环罚〔2026〕12号") String documentNo,
            String bureauDivision,
            int year,
            int seq,
            int templateVersion,
            UUID subjectId,
            UUID reissueOf,
            String reissueReason,

            @Schema(description = "the reissue that replaced this document, if any")
            UUID reissuedBy,

            List<RenderedDocument.EvidenceFile> evidence,
            String pdfSha256,
            long pdfSize,
            String docxSha256,
            long docxSize,
            String issuedBy,
            OffsetDateTime issuedAt) {}
}
