package org.permitwatch.inspection.record;

/** Averaging period of a concentration measurement; selects the hourly or the daily permitted limit. */
public enum Averaging {
    HOURLY,
    DAILY
}
