package org.permitwatch.monitoring.alert;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.SeriesPoint;

/**
 * An open alert: one episode of a rule's condition for one MN × outlet × pollutant, from its first offending period.
 * Kept in the episode store until the condition ends.
 */
record Episode(
        UUID alertId,
        String outletCode,
        OffsetDateTime periodStart,
        OffsetDateTime periodEnd,
        double worstValue,
        List<SeriesPoint> evidence) {

    Episode {
        evidence = List.copyOf(evidence);
    }

    /**
     * The alert id: a name-based UUID of rule, MN, outlet, pollutant and the episode's start, so a replay of the same
     * data names the same alert (never random).
     */
    static UUID alertId(String rule, String mn, String outletCode, String pollutantCode, OffsetDateTime start) {
        String name = String.join(
                "|",
                rule,
                mn,
                outletCode,
                pollutantCode == null ? "" : pollutantCode,
                start.toInstant().toString());
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    static Episode open(
            String rule,
            String mn,
            String outletCode,
            String pollutantCode,
            SeriesPoint point,
            OffsetDateTime end,
            double value) {
        return new Episode(
                alertId(rule, mn, outletCode, pollutantCode, point.time()),
                outletCode,
                point.time(),
                end,
                value,
                List.of(point));
    }

    Episode extend(SeriesPoint point, OffsetDateTime end, double value) {
        return new Episode(alertId, outletCode, periodStart, end, Math.max(worstValue, value), with(point));
    }

    /** The same episode with an invalid period in its evidence: neither its end nor its worst value change. */
    Episode note(SeriesPoint point) {
        return new Episode(alertId, outletCode, periodStart, periodEnd, worstValue, with(point));
    }

    /** The evidence with one more point, the oldest dropped beyond {@link MonitoringAlertChanged#MAX_EVIDENCE}. */
    List<SeriesPoint> with(SeriesPoint point) {
        List<SeriesPoint> out = new ArrayList<>(evidence);
        out.add(point);
        while (out.size() > MonitoringAlertChanged.MAX_EVIDENCE) {
            out.remove(0);
        }
        return out;
    }
}
