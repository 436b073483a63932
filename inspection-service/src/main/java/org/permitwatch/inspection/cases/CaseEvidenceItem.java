package org.permitwatch.inspection.cases;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.inspection.record.Averaging;
import org.permitwatch.inspection.record.RecordContent;

/**
 * The published shape of one item of a case's evidence (documentation only: the items are stored as jsonb and returned
 * verbatim). Written in two places: {@code CaseService.findingEvidence} copies a finding's evidence files (kind FILE,
 * the fields of {@link RecordContent.Evidence}) and measurements (kind MEASUREMENT, the fields of
 * {@link RecordContent.Measurement}), tagging each with its kind; the remote-check feature's {@code AlertReview}
 * writes one REMOTE_CHECK item with the alert's directory values. The fields of the other kinds are absent.
 */
@Schema(
        name = "CaseEvidenceItem",
        description = "One evidence item of a case; which fields are present depends on kind")
record CaseEvidenceItem(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Kind kind,
        @Schema(description = "FILE: the file's name") String fileName,

        @Schema(description = "FILE: SHA-256 of the file, hex")
        String sha256,

        @Schema(description = "FILE: bytes") Long size,

        @Schema(description = "FILE: when the photo or file was taken")
        OffsetDateTime takenAt,

        @Schema(description = "FILE: where it was taken") RecordContent.Position location,

        @Schema(description = "MEASUREMENT: the permitted outlet")
        String outletCode,

        @Schema(description = "MEASUREMENT: the pollutant's code")
        String pollutantCode,

        @Schema(description = "MEASUREMENT: the pollutant's name")
        String pollutantName,

        @Schema(description = "MEASUREMENT: the measured value")
        Double value,

        @Schema(description = "MEASUREMENT: its unit") String unit,

        @Schema(description = "MEASUREMENT: the averaging period")
        Averaging averaging,

        @Schema(description = "MEASUREMENT: when it was measured")
        OffsetDateTime measuredAt,

        @Schema(description = "MEASUREMENT: the permitted limit; null when the permit sets none")
        Double limit,

        @Schema(description = "MEASUREMENT: the emission standard that sets the limit")
        String standard,

        @Schema(description = "MEASUREMENT: value above limit")
        Boolean exceeded,

        @Schema(description = "REMOTE_CHECK: what the alert found, in Chinese")
        String description,

        @Schema(description = "REMOTE_CHECK: the reviewed alert")
        UUID alertId,

        @Schema(
                description = "REMOTE_CHECK: the directory values the alert rule read, verbatim (an open "
                        + "object: its members are the rule's inputs and vary by rule)",
                type = "object",
                additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> data) {

    enum Kind {
        FILE,
        MEASUREMENT,
        REMOTE_CHECK
    }
}
