package org.permitwatch.inspection.plan;

/** 检查频次: rounds per year, per quarter or per month. */
public enum FrequencyPeriod {
    YEAR,
    QUARTER,
    MONTH
}
