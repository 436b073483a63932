package org.permitwatch.inspection.record;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Request bodies of the inspection record API and their parts. Field names are what problem+json reports. */
final class RecordInput {

    private RecordInput() {}

    /**
     * The editable content of a record, shared by create, draft update and correction.
     *
     * @param backdateReason why the inspection is entered with a date further back than the back-date window
     *                       ({@code permitwatch.inspection.record.backdate.window-days}); required to submit such a
     *                       record, stored with it and audited ({@code record.backdate})
     */
    record Content(
            OffsetDateTime inspectedAt,
            GeoPoint position,
            String notes,
            List<ItemInput> items,
            List<MeasurementInput> measurements,
            List<EvidenceInput> evidence,
            String backdateReason) {
        Content {
            items = items == null ? List.of() : items;
            measurements = measurements == null ? List.of() : measurements;
            evidence = evidence == null ? List.of() : evidence;
        }
    }

    /** {@code POST /api/v1/inspections}: starts a record for a task; {@code submit=true} also submits it. */
    record Create(
            @NotNull UUID taskId,
            Boolean submit,
            OffsetDateTime inspectedAt,
            @Valid GeoPoint position,
            @Size(max = 4000) String notes,
            @Valid @Size(max = 500) List<@NotNull ItemInput> items,
            @Valid @Size(max = 500) List<@NotNull MeasurementInput> measurements,
            @Valid @Size(max = 200) List<@NotNull EvidenceInput> evidence,
            @Size(max = 2000) String backdateReason) {
        Content content() {
            return new Content(inspectedAt, position, notes, items, measurements, evidence, backdateReason);
        }

        boolean submitNow() {
            return Boolean.TRUE.equals(submit);
        }
    }

    /** {@code PUT /api/v1/inspections/{id}}: replaces a draft's content. */
    record Draft(
            OffsetDateTime inspectedAt,
            @Valid GeoPoint position,
            @Size(max = 4000) String notes,
            @Valid @Size(max = 500) List<@NotNull ItemInput> items,
            @Valid @Size(max = 500) List<@NotNull MeasurementInput> measurements,
            @Valid @Size(max = 200) List<@NotNull EvidenceInput> evidence,
            @Size(max = 2000) String backdateReason) {
        Content content() {
            return new Content(inspectedAt, position, notes, items, measurements, evidence, backdateReason);
        }
    }

    /** {@code POST /api/v1/inspections/{id}/corrections}: the full corrected content and why. */
    record Correction(
            @NotBlank @Size(max = 2000) String reason,
            OffsetDateTime inspectedAt,
            @Valid GeoPoint position,
            @Size(max = 4000) String notes,
            @Valid @Size(max = 500) List<@NotNull ItemInput> items,
            @Valid @Size(max = 500) List<@NotNull MeasurementInput> measurements,
            @Valid @Size(max = 200) List<@NotNull EvidenceInput> evidence,
            @Size(max = 2000) String backdateReason) {
        Content content() {
            return new Content(inspectedAt, position, notes, items, measurements, evidence, backdateReason);
        }
    }

    /** A WGS-84 position, bounded to China's extent: a point outside it is a device or entry error. */
    record GeoPoint(
            @NotNull @DecimalMin("3.0") @DecimalMax("54.0") Double lat,

            @NotNull @DecimalMin("73.0") @DecimalMax("136.0")
            Double lon) {}

    /**
     * The inspector's result for one checklist item of the pinned version; evidence refers to SHA-256 hashes.
     *
     * @param subPoints NON_COMPLIANT only: codes of the item's sub-points found violated (e.g. {@code 7.GENERAL.1}),
     *                  the first one deciding the finding's article; empty = the item's article
     */
    record ItemInput(
            @NotNull UUID itemId,
            @NotNull ItemResult result,
            @Size(max = 2000) String notes,
            @Size(max = 50) List<@NotNull @Pattern(regexp = "[0-9a-fA-F]{64}") String> evidence,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> subPoints) {
        ItemInput {
            evidence = evidence == null ? List.of() : evidence;
            subPoints = subPoints == null ? List.of() : subPoints;
        }
    }

    /** One concentration reading at an outlet, in the unit of the permitted limit. */
    record MeasurementInput(
            @NotBlank @Size(max = 20) String outletCode,
            @NotBlank @Size(max = 20) String pollutantCode,
            @NotNull @PositiveOrZero Double value,
            @NotBlank @Size(max = 20) String unit,
            @NotNull Averaging averaging,
            @NotNull OffsetDateTime measuredAt) {}

    /** Metadata of a photo, video or document; the file itself goes to object storage, identified by its hash. */
    record EvidenceInput(
            @NotBlank @Size(max = 255) String fileName,
            @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256,
            @NotNull @Positive Long size,
            @NotNull OffsetDateTime takenAt,
            @Valid GeoPoint location) {}
}
