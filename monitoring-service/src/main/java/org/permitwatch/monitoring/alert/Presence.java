package org.permitwatch.monitoring.alert;

import java.time.LocalDateTime;

/**
 * When a point last sent minute data (DATA_MISSING): the newest data time seen and the newest arrival (the raw record's
 * timestamp, set by the receiver), with the binding the alert is named after.
 */
record Presence(String permitNo, String outletCode, LocalDateTime lastMinute, long lastArrival) {

    /** Seen again: a late or backfilled minute never moves the newest data time back. */
    Presence seen(String permit, String outlet, LocalDateTime minute, long arrival) {
        return new Presence(
                permit, outlet, minute.isAfter(lastMinute) ? minute : lastMinute, Math.max(arrival, lastArrival));
    }
}
