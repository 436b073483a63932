package org.permitwatch.support.time;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The bureau's clock and calendar: which day, month and year it is for a Chinese environment bureau, and which day an
 * instant falls on. Every "today", violation day, case-number year and report period comes from here, never from the
 * JVM's zone (UTC in containers, so 00:00–08:00 Beijing time used to be "yesterday") or a hard-coded +08:00.
 * One bean per service ({@code permitwatch.zone}, default Asia/Shanghai; a {@link Clock} bean, e.g. a fixed one in a
 * test, replaces the system clock).
 */
public final class BureauClock {

    private final Clock clock;

    public BureauClock(Clock clock, ZoneId zone) {
        this.clock = clock.withZone(zone);
    }

    /** The bureau's zone. */
    public ZoneId zone() {
        return clock.getZone();
    }

    /** The underlying clock, in the bureau's zone. */
    public Clock clock() {
        return clock;
    }

    /** Now, with the bureau's offset. */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /**
     * Now as a UTC timestamp: for instants the services store or publish (decided-at, published-at, cut-offs), which
     * are UTC by convention whatever the bureau's zone.
     */
    public OffsetDateTime nowUtc() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Today on the bureau's calendar. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** This month on the bureau's calendar. */
    public YearMonth thisMonth() {
        return YearMonth.now(clock);
    }

    /** The bureau's calendar day of an instant. */
    public LocalDate dayOf(OffsetDateTime instant) {
        return instant.atZoneSameInstant(zone()).toLocalDate();
    }

    /** The first instant of {@code day} on the bureau's calendar. */
    public OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(zone()).toOffsetDateTime();
    }
}
