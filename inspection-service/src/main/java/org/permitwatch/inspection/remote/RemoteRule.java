package org.permitwatch.inspection.remote;

/**
 * The rules of non-site supervision (非现场监管, DOMAIN.md §8): the remote checks this service runs over the directory,
 * and the automatic-monitoring rules whose alerts arrive from monitoring-service (issue 19, {@code
 * MonitoringAlertChanged.Rule}). A monitoring rule this list does not know yet is stored under its raw code.
 */
enum RemoteRule {
    /** Permit expired, revoked, cancelled or withdrawn while the unit is still listed as operating. */
    PERMIT_NOT_VALID_BUT_OPERATING(AlertSource.REMOTE_CHECK),
    /** Management category lower than the industry's rule requires (违规降低管理级别). */
    CATEGORY_TOO_LOW(AlertSource.REMOTE_CHECK),
    /** A valid hourly mean above the hourly limit (小时均值超标). */
    HOURLY_EXCEEDANCE(AlertSource.MONITORING),
    /** A valid daily mean above the daily limit (日均值超标). */
    DAILY_EXCEEDANCE(AlertSource.MONITORING),
    /** The same value for N hours or more (数据恒值). */
    CONSTANT_VALUE(AlertSource.MONITORING),
    /** Zero or negative values while the source runs (零值、负值). */
    ZERO_OR_NEGATIVE(AlertSource.MONITORING),
    /** No data for N minutes or more (数据缺失、断线). */
    DATA_MISSING(AlertSource.MONITORING),
    /** Too many maintenance or calibration hours (标记滥用). */
    FLAG_MISUSE(AlertSource.MONITORING),
    /** Rolling 12-month tonnage on course to exceed the permitted annual amount (排放量预警). */
    ANNUAL_TONNAGE_AHEAD(AlertSource.MONITORING),
    /** Data from an outlet the permit does not have (非许可排放口). */
    UNKNOWN_OUTLET(AlertSource.MONITORING);

    private final AlertSource source;

    RemoteRule(AlertSource source) {
        this.source = source;
    }

    AlertSource source() {
        return source;
    }
}
