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

    /** One more offending period; the worst value is the highest, or the lowest where {@code lowerIsWorse}. */
    Episode extend(SeriesPoint point, OffsetDateTime end, double value, boolean lowerIsWorse) {
        double worst = lowerIsWorse ? Math.min(worstValue, value) : Math.max(worstValue, value);
        return new Episode(alertId, outletCode, periodStart, end, worst, with(point));
    }

    /** An episode that began before its condition was recognised (N constant hours): its start and evidence given. */
    static Episode openSince(
            String rule,
            String mn,
            String outletCode,
            String pollutantCode,
            List<SeriesPoint> evidence,
            OffsetDateTime end,
            double value) {
        OffsetDateTime start = evidence.get(0).time();
        return new Episode(
                alertId(rule, mn, outletCode, pollutantCode, start), outletCode, start, end, value, evidence);
    }

    /** The same episode with an invalid period in its evidence: neither its end nor its worst value change. */
    Episode note(SeriesPoint point) {
        return new Episode(alertId, outletCode, periodStart, periodEnd, worstValue, with(point));
    }

    /** The evidence with one more point, the oldest dropped beyond {@link MonitoringAlertChanged#MAX_EVIDENCE}. */
    List<SeriesPoint> with(SeriesPoint point) {
        return capped(evidence, point);
    }

    static List<SeriesPoint> capped(List<SeriesPoint> series, SeriesPoint point) {
        List<SeriesPoint> out = new ArrayList<>(series);
        out.add(point);
        while (out.size() > MonitoringAlertChanged.MAX_EVIDENCE) {
            out.remove(0);
        }
        return out;
    }
}
