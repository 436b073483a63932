package org.permitwatch.monitoring.alert;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.Rule;

/**
 * UNKNOWN_OUTLET (非许可排放口数据, ADR 0038): minute data from a point bound to an outlet code the permit (its current
 * directory snapshot) does not list. Opens at the first such minute (alert id rule | MN | claimed outlet | (no pollutant)
 * | that minute); resolves at the first minute whose outlet the permit lists — the permit gained the outlet or the point
 * was bound elsewhere; a binding to another unknown outlet resolves it and opens one for that outlet. The directory is a
 * global store, which cannot emit: a change of the permit is seen with the point's next minute.
 */
final class UnknownOutletRule {

    private final PointRuleContext c;

    UnknownOutletRule(PointRuleContext context) {
        this.c = context;
    }

    private static String key(String mn) {
        return Rule.UNKNOWN_OUTLET.name() + "|" + mn;
    }

    void minute(String mn, String outletCode, DirectoryUnitSnapshot unit, boolean permitted, LocalDateTime minute) {
        Episode open = c.read(key(mn), Episode.class);
        OffsetDateTime time = c.at(minute);
        OffsetDateTime end = time.plusMinutes(1);
        if (open != null && (permitted || !open.outletCode().equals(outletCode))) {
            if (!time.isAfter(open.periodStart())) {
                return; // a late minute from before the episode says nothing about the binding now
            }
            c.delete(key(mn));
            emit(MonitoringAlertChanged.RESOLVED, mn, unit, open, time, end);
            open = null;
        }
        if (!permitted && open == null) {
            Episode opened = new Episode(
                    Episode.alertId(Rule.UNKNOWN_OUTLET.name(), mn, outletCode, null, time),
                    outletCode,
                    time,
                    end,
                    0,
                    List.of());
            c.put(key(mn), opened);
            emit(MonitoringAlertChanged.OPEN, mn, unit, opened, end, end);
        }
    }

    private void emit(
            String status,
            String mn,
            DirectoryUnitSnapshot unit,
            Episode episode,
            OffsetDateTime periodEnd,
            OffsetDateTime changedAt) {
        c.emit(Rule.UNKNOWN_OUTLET, status, mn, unit, episode, null, null, List.of(), periodEnd, changedAt, Map.of());
    }
}
