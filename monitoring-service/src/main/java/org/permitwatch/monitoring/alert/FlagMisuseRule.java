package org.permitwatch.monitoring.alert;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.Rule;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.SeriesPoint;
import org.permitwatch.monitoring.hj212.DataMessage;

/**
 * FLAG_MISUSE (标记滥用, ADR 0038): in one day (Beijing, of the data time) a point sent more than
 * {@code flagMisuseMaxHoursPerDay} hours of minutes that carry one of {@code flagMisuseFlags} (a minute counts once,
 * whichever of its values carries the flag). Such minutes are excluded from every mean, so declaring them is the cheap
 * way to keep bad hours out of judgement.
 *
 * <p>Opens at the minute the day's count passes the threshold (dated from the day's start: the alert id is rule | MN |
 * outlet | (no pollutant) | day); a later day over the threshold extends it; it resolves when a day closes at or under
 * the threshold (at that day's first minute of the next day, like daily means). Minutes older than the newest counted
 * (late, repeated, backfilled) are not counted: never twice.
 */
final class FlagMisuseRule {

    static final String STATE = "FLAGS|";
    static final String HOURS = "h";

    private final PointRuleContext c;

    FlagMisuseRule(PointRuleContext context) {
        this.c = context;
    }

    private static String key(String mn) {
        return Rule.FLAG_MISUSE.name() + "|" + mn;
    }

    private boolean over(FlagDay day) {
        return day.hours() > c.parameters.point().flagMisuseMaxHoursPerDay();
    }

    void minute(String mn, String outletCode, DirectoryUnitSnapshot unit, DataMessage message, LocalDateTime minute) {
        FlagDay state = c.read(STATE + mn, FlagDay.class);
        if (state != null && !minute.isAfter(state.lastMinute())) {
            return;
        }
        LocalDate day = minute.toLocalDate();
        if (state != null && state.day().isBefore(day)) {
            closeDay(mn, outletCode, unit, state);
            state = null;
        }
        List<String> flags = c.parameters.point().flagMisuseFlags();
        boolean flagged = message.values().stream().anyMatch(v -> flags.contains(v.flag()));
        int count = (state == null ? 0 : state.flaggedMinutes()) + (flagged ? 1 : 0);
        FlagDay now = new FlagDay(day, count, minute);
        c.put(STATE + mn, now);
        if (flagged && over(now) && c.read(key(mn), Episode.class) == null) {
            OffsetDateTime end = c.at(minute.plusMinutes(1));
            Episode opened = Episode.open(Rule.FLAG_MISUSE.name(), mn, outletCode, null, point(now), end, now.hours());
            c.put(key(mn), opened);
            emit(MonitoringAlertChanged.OPEN, mn, unit, opened, opened.evidence(), end, end);
        }
    }

    private void closeDay(String mn, String outletCode, DirectoryUnitSnapshot unit, FlagDay closed) {
        Episode episode = c.read(key(mn), Episode.class);
        OffsetDateTime dayStart = c.at(closed.day().atStartOfDay());
        OffsetDateTime dayEnd = dayStart.plusDays(1);
        SeriesPoint point = point(closed);
        if (over(closed)) {
            if (episode == null) {
                // Over without having opened: only when the threshold was raised mid-day; open with the whole day.
                Episode opened =
                        Episode.open(Rule.FLAG_MISUSE.name(), mn, outletCode, null, point, dayEnd, closed.hours());
                c.put(key(mn), opened);
                emit(MonitoringAlertChanged.OPEN, mn, unit, opened, opened.evidence(), dayEnd, dayEnd);
            } else {
                c.put(key(mn), withDay(episode, point, dayEnd, closed.hours()));
            }
        } else if (episode != null) {
            c.delete(key(mn));
            // Ended when the compliant day began; its point is kept in the evidence to show the return.
            emit(MonitoringAlertChanged.RESOLVED, mn, unit, episode, episode.with(point), dayStart, dayEnd);
        }
    }

    /** The episode with the day's final count: replaces the partial point the OPEN carried for the same day. */
    private static Episode withDay(Episode episode, SeriesPoint point, OffsetDateTime end, double hours) {
        List<SeriesPoint> evidence = new ArrayList<>(episode.evidence());
        if (!evidence.isEmpty() && evidence.get(evidence.size() - 1).time().equals(point.time())) {
            evidence.remove(evidence.size() - 1);
        }
        Episode base = new Episode(
                episode.alertId(), episode.outletCode(), episode.periodStart(), end, episode.worstValue(), evidence);
        return base.extend(point, end, hours, false);
    }

    private SeriesPoint point(FlagDay day) {
        return new SeriesPoint(
                c.at(day.day().atStartOfDay()),
                "DAY",
                day.hours(),
                null,
                String.join(",", c.parameters.point().flagMisuseFlags()),
                true);
    }

    private void emit(
            String status,
            String mn,
            DirectoryUnitSnapshot unit,
            Episode episode,
            List<SeriesPoint> evidence,
            OffsetDateTime periodEnd,
            OffsetDateTime changedAt) {
        double worst = episode.worstValue();
        for (SeriesPoint p : evidence) {
            worst = Math.max(worst, p.value());
        }
        c.emit(
                Rule.FLAG_MISUSE,
                status,
                mn,
                unit,
                episode,
                worst,
                HOURS,
                evidence,
                periodEnd,
                changedAt,
                c.parameters.point().forFlagMisuse());
    }
}
