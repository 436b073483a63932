package org.permitwatch.monitoring.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.Rule;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.SeriesPoint;

/**
 * DATA_MISSING (数据缺失 / 断线, ADR 0038): a point that sends no minute data for {@code dataMissingMinutes}.
 *
 * <p>A silent point sends nothing, so nothing of its own triggers the rule: the outage is judged (a) by a punctuator on
 * the stream time of the partition — the other points of the partition keep it moving — comparing it with the point's
 * last arrival, and (b) when the point sends again, from the gap between its arrivals (a partition whose every point
 * was silent, or a replay). Both write the same OPEN: everything in it derives from the point's last minute and last
 * arrival, never from when the check ran. No wall clock: a partition without any data is far more likely our own
 * receiver or broker down than every point of it at once, and a wall-clock check during a catch-up would open an
 * outage for every point.
 *
 * <p>Alert id: rule | MN | outlet | (no pollutant) | the first missing minute (data time). The alert resolves at the
 * first minute that arrives after the gap. Data sent later to fill the gap (补发) does not undo it: the alert is the
 * record that real-time transmission failed, which backfill cannot repair; it stays RESOLVED.
 */
final class DataMissingRule {

    static final String PRESENCE = "SEEN|";
    /** Minutes of the gap, the alert's value unit. */
    static final String MINUTES = "min";

    private final PointRuleContext c;

    DataMissingRule(PointRuleContext context) {
        this.c = context;
    }

    private static String key(String mn) {
        return Rule.DATA_MISSING.name() + "|" + mn;
    }

    private long missingMillis() {
        return Duration.ofMinutes(c.parameters.point().dataMissingMinutes()).toMillis();
    }

    /** A minute of {@code mn} arrived (record timestamp {@code arrival}). */
    void minute(
            String mn,
            String permitNo,
            String outletCode,
            LocalDateTime minute,
            long arrival,
            DirectoryUnitSnapshot unit) {
        Presence before = c.read(PRESENCE + mn, Presence.class);
        if (before != null) {
            Episode open = c.read(key(mn), Episode.class);
            if (open == null && arrival - before.lastArrival() >= missingMillis()) {
                // Silent long enough, recognised only now: the OPEN the punctuator would have written, then the return.
                open = open(mn, before, unit);
            }
            if (open != null) {
                resolve(mn, before, open, minute, arrival, unit);
            }
        }
        c.put(
                PRESENCE + mn,
                before == null
                        ? new Presence(permitNo, outletCode, minute, arrival)
                        : before.seen(permitNo, outletCode, minute, arrival));
    }

    /** A minute without binding headers: counts as data under the binding the point last had, if any. */
    void unbound(String mn, LocalDateTime minute, long arrival) {
        Presence before = c.read(PRESENCE + mn, Presence.class);
        if (before == null) {
            return;
        }
        DirectoryUnitSnapshot unit = c.unit(before.permitNo());
        if (unit != null) {
            minute(mn, before.permitNo(), before.outletCode(), minute, arrival, unit);
        } else {
            c.put(PRESENCE + mn, before.seen(before.permitNo(), before.outletCode(), minute, arrival));
        }
    }

    /** Stream time of the partition reached {@code streamTime}: opens an alert for every point silent long enough. */
    void punctuate(long streamTime) {
        List<KeyValue<String, String>> seen = new ArrayList<>();
        try (KeyValueIterator<String, String> it =
                c.episodes.prefixScan(PRESENCE, Serdes.String().serializer())) {
            it.forEachRemaining(seen::add);
        }
        for (KeyValue<String, String> entry : seen) {
            String mn = entry.key.substring(PRESENCE.length());
            Presence presence = c.parse(entry.value, Presence.class);
            if (streamTime - presence.lastArrival() < missingMillis() || c.read(key(mn), Episode.class) != null) {
                continue;
            }
            DirectoryUnitSnapshot unit = c.unit(presence.permitNo());
            if (unit != null) {
                open(mn, presence, unit);
            }
        }
    }

    /**
     * Opens the outage after {@code last}: it starts at the minute after the last one received and is established
     * {@code dataMissingMinutes} later (periodEnd, data time); changedAt is the last arrival plus as much (stream time).
     */
    private Episode open(String mn, Presence last, DirectoryUnitSnapshot unit) {
        int minutes = c.parameters.point().dataMissingMinutes();
        OffsetDateTime start = c.at(last.lastMinute().plusMinutes(1));
        OffsetDateTime end = start.plusMinutes(minutes);
        SeriesPoint lastReceived = new SeriesPoint(c.at(last.lastMinute()), "MINUTE", null, null, "RECEIVED", true);
        Episode episode = new Episode(
                Episode.alertId(Rule.DATA_MISSING.name(), mn, last.outletCode(), null, start),
                last.outletCode(),
                start,
                end,
                minutes,
                List.of(lastReceived));
        c.put(key(mn), episode);
        c.emit(
                Rule.DATA_MISSING,
                MonitoringAlertChanged.OPEN,
                mn,
                unit,
                episode,
                (double) minutes,
                MINUTES,
                episode.evidence(),
                end,
                openedAt(last),
                c.parameters.point().forDataMissing());
        return episode;
    }

    private OffsetDateTime openedAt(Presence last) {
        return Instant.ofEpochMilli(last.lastArrival() + missingMillis())
                .atZone(c.zone)
                .toOffsetDateTime();
    }

    /**
     * Data came back: the outage ended at the returned minute (or, when the first thing sent is backfill from inside
     * the gap, at the point it was established); its value is the gap's length in minutes.
     */
    private void resolve(
            String mn, Presence last, Episode open, LocalDateTime minute, long arrival, DirectoryUnitSnapshot unit) {
        OffsetDateTime returned = c.at(minute);
        OffsetDateTime end = returned.isAfter(open.periodEnd()) ? returned : open.periodEnd();
        OffsetDateTime arrived = Instant.ofEpochMilli(arrival).atZone(c.zone).toOffsetDateTime();
        OffsetDateTime opened = openedAt(last);
        // changedAt orders an alert's events for consumers: never before the OPEN's.
        OffsetDateTime changedAt = arrived.isAfter(opened) ? arrived : opened;
        double gap = Duration.between(open.periodStart(), end).toMinutes();
        c.delete(key(mn));
        c.emit(
                Rule.DATA_MISSING,
                MonitoringAlertChanged.RESOLVED,
                mn,
                unit,
                open,
                gap,
                MINUTES,
                open.with(new SeriesPoint(returned, "MINUTE", null, null, "RECEIVED", true)),
                end,
                changedAt,
                c.parameters.point().forDataMissing());
    }
}
