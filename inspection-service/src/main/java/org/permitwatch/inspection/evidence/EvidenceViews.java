package org.permitwatch.inspection.evidence;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** Requests and answers of the evidence API (ADR 0031). */
final class EvidenceViews {

    private EvidenceViews() {}

    /** Where the file was taken: latitude/longitude (WGS 84), as the record's position (China's bounding box). */
    record Location(
            @NotNull @DecimalMin("3.0") @DecimalMax("54.0") Double lat,

            @NotNull @DecimalMin("73.0") @DecimalMax("136.0")
            Double lon) {}

    @Schema(description = "A file the client is about to upload for an inspection record")
    record Declaration(
            @NotBlank @Size(max = 255) String fileName,

            @Schema(description = "media type; photos, video, audio, PDF, CSV, XLSX (never HTML/SVG)")
            @NotBlank
            @Size(max = 100)
            String mediaType,

            @Schema(description = "exact length in bytes; the upload must have exactly this length") @NotNull @Positive
            Long size,

            @Schema(description = "SHA-256 of the bytes, hex") @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}")
            String sha256,

            @NotNull OffsetDateTime takenAt,
            @Valid Location location) {}

    @Schema(
            description = "An evidence file of a record: DECLARED (awaiting its bytes), KEPT (checked and stored), "
                    + "REFUSED (the bytes did not match the declaration; removed from storage) or EXPIRED (no bytes "
                    + "arrived within the upload link's lifetime and the grace period; a late file is refused)")
    record EvidenceView(
            UUID id,
            UUID recordId,
            String fileName,
            String mediaType,
            long size,
            String sha256,
            OffsetDateTime takenAt,
            Location location,
            String status,
            String refusalReason,
            String declaredBy,
            OffsetDateTime declaredAt,
            String confirmedBy,
            OffsetDateTime confirmedAt) {}

    @Schema(description = "A presigned request for the client: send exactly these headers")
    record Upload(String url, String method, Map<String, String> headers, OffsetDateTime expiresAt) {}

    @Schema(description = "The declaration and, while it awaits its bytes, where to PUT them")
    record Declared(EvidenceView evidence, Upload upload) {}

    @Schema(description = "A short-lived link that downloads the kept file as an attachment")
    record Download(String url, OffsetDateTime expiresAt) {}
}
