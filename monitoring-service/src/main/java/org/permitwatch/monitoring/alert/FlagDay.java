package org.permitwatch.monitoring.alert;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The open day of one point for FLAG_MISUSE: its minutes carrying a counted flag.
 *
 * @param lastMinute the newest minute counted: an older or repeated one is never counted (again)
 */
record FlagDay(LocalDate day, int flaggedMinutes, LocalDateTime lastMinute) {

    double hours() {
        return flaggedMinutes / 60.0;
    }
}
