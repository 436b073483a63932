package org.permitwatch.monitoring.point;

/**
 * A permit outlet that must be automatically monitored but has no registered point.
 *
 * <p>"Must": the valid permit's own self-monitoring table (自行监测要求) lists the outlet with method 自动 for at least
 * one pollutant. For a permit whose directory snapshot predates that table: a 主要排放口 of a valid 重点管理 permit (the
 * former approximation). The rule is the view {@code required_monitoring} (V3); docs/monitoring.md.
 */
public record UnmonitoredOutlet(
        String permitNo, String unitName, String divisionCode, String outletCode, String outletName) {}
