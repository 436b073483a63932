package org.permitwatch.inspection.record;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.permitwatch.events.vocabulary.ViolationType;

/**
 * What a record says, as stored (jsonb) in the record and in each submitted version. Each item carries a copy of
 * its checklist metadata, so a version reads the same whatever later happens to the checklist.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecordContent(
        OffsetDateTime inspectedAt,
        Position position,
        String notes,
        List<Item> items,
        List<Measurement> measurements,
        List<Evidence> evidence,
        String backdateReason) {

    public RecordContent {
        items = items == null ? List.of() : List.copyOf(items);
        measurements = measurements == null ? List.of() : List.copyOf(measurements);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public record Position(double lat, double lon) {}

    /**
     * One checklist item with its result.
     *
     * @param evidence SHA-256 hashes of the evidence supporting the result
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(
            UUID itemId,
            int itemNo,
            String code,
            String title,
            String keyIndustry,
            @Schema(implementation = ViolationType.class) String violationType,
            String article,
            ItemResult result,
            ResultSource resultSource,
            String notes,
            List<String> evidence,
            List<String> subPoints) {
        public Item {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
            subPoints = subPoints == null ? List.of() : List.copyOf(subPoints);
        }
    }

    /**
     * A measurement checked against the unit's permit.
     *
     * @param limit    the permitted limit for the averaging period; null when the permit sets none
     * @param standard the emission standard that sets the limit
     * @param exceeded value above limit
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Measurement(
            String outletCode,
            String pollutantCode,
            String pollutantName,
            double value,
            String unit,
            Averaging averaging,
            OffsetDateTime measuredAt,
            Double limit,
            String standard,
            boolean exceeded) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Evidence(String fileName, String sha256, long size, OffsetDateTime takenAt, Position location) {}

    long count(ItemResult result) {
        return items.stream().filter(i -> i.result() == result).count();
    }

    long exceedances() {
        return measurements.stream().filter(Measurement::exceeded).count();
    }
}
