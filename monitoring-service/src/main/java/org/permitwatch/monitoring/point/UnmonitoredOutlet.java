package org.permitwatch.monitoring.point;

/**
 * A permit outlet that must be automatically monitored but has no registered point.
 *
 * <p>"Must": a 主要排放口 of a valid permit under 重点管理 (KEY) — the outlets for which the self-monitoring guidelines
 * (HJ 819 and the industry guidelines) require automatic monitoring of the main pollutants. The directory's snapshot
 * does not carry the permit's own self-monitoring table (自行监测, method 自动) yet; docs/monitoring.md says so.
 */
public record UnmonitoredOutlet(
        String permitNo, String unitName, String divisionCode, String outletCode, String outletName) {}
