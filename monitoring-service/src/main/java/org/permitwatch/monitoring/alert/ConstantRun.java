package org.permitwatch.monitoring.alert;

import java.util.List;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.SeriesPoint;

/**
 * Consecutive valid hours of one series in which every valid value was {@link #value}: the count behind CONSTANT_VALUE,
 * with the hours as evidence (at most {@code MAX_EVIDENCE}, as any episode).
 */
record ConstantRun(double value, int hours, List<SeriesPoint> points) {

    ConstantRun {
        points = List.copyOf(points);
    }

    static ConstantRun start(double value, SeriesPoint point) {
        return new ConstantRun(value, 1, List.of(point));
    }

    ConstantRun plus(SeriesPoint point) {
        return new ConstantRun(value, hours + 1, Episode.capped(points, point));
    }
}
