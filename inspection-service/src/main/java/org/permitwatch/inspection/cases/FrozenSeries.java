package org.permitwatch.inspection.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A monitoring alert's evidence as inspection-service keeps it: the alert's own evidence member ({@code
 * remote_alert.evidence}) and, once a case is opened, the frozen copy of the case. Written by the remote-alert feature
 * from {@code MonitoringAlertChanged}; one shape for both, so the case file reads what the reviewer saw.
 *
 * @param worstValue the worst valid value of the episode after the standard's corrections (reference O2, dry basis)
 * @param limit      the limit it was judged against (the special-period limit when one was in force)
 * @param series     oldest first, at most 72 points (MonitoringAlertChanged.MAX_EVIDENCE)
 * @param legalNote  why the alert maps to its violation type and article (MonitoringJudgement)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FrozenSeries(
        UUID alertId,
        String rule,
        String mn,
        String permitNumber,
        String unitName,
        String outletCode,
        String pollutantCode,
        OffsetDateTime periodStart,
        OffsetDateTime periodEnd,
        Double worstValue,
        Double limit,
        String unit,
        String standard,
        String parametersVersion,

        @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> parameters,

        List<Point> series,
        String violationType,
        String article,
        String legalNote) {

    public FrozenSeries {
        parameters = parameters == null ? Map.of() : parameters;
        series = series == null ? List.of() : List.copyOf(series);
    }

    /**
     * One value: {@code period} MINUTE, HOUR or DAY; {@code corrected} after reference-oxygen / dry-basis correction
     * (null when none applies); {@code flag} the HJ 212 data flag or the mean's judgement; {@code valid} whether it
     * counts under HJ 75 / HJ 355 validity rules.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Point(
            OffsetDateTime time, String period, Double value, Double corrected, String flag, boolean valid) {

        /** The value compared with the limit: the corrected one where the standard prescribes a correction. */
        public Double judged() {
            return corrected != null ? corrected : value;
        }

        /** Above the limit, counted only for a valid value (an invalid value proves nothing either way). */
        public Boolean exceeds(Double limit) {
            if (!valid || limit == null || judged() == null) {
                return null;
            }
            return judged() > limit;
        }
    }
}
