package org.permitwatch.monitoring.query;

import java.time.Duration;

/**
 * Which stored series answers a range: the finest whose points stay within about {@value #MAX_POINTS} — minute values
 * up to one day (1,440), hourly up to 62 days (1,488), daily beyond (3,660 for the longest allowed range, 10 years).
 * Long ranges are thus downsampled to the standard's own coarser means instead of thinning minute values.
 */
public enum Resolution {
    MINUTE("minute_value", Duration.ofDays(1)),
    HOURLY("hourly_value", Duration.ofDays(62)),
    DAILY("daily_value", Duration.ofDays(3660));

    static final int MAX_POINTS = 3660;

    private final String table;
    private final Duration longest;

    Resolution(String table, Duration longest) {
        this.table = table;
        this.longest = longest;
    }

    String table() {
        return table;
    }

    /** The finest resolution for that range; empty when the range exceeds 10 years. */
    static java.util.Optional<Resolution> forRange(Duration range) {
        for (Resolution r : values()) {
            if (range.compareTo(r.longest) <= 0) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }
}
