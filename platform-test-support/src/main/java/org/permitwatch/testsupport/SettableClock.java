package org.permitwatch.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test sets, for integration tests that share one Spring context: instead of each class declaring its own
 * fixed {@code Clock} bean (a different context per class), the shared context has one of these and each class sets
 * the instant it needs in {@code @BeforeAll} ({@link #set}) and lets it run again afterwards ({@link #reset}).
 * Unset, it is the system clock.
 */
public final class SettableClock extends Clock {

    private final AtomicReference<Instant> fixed;
    private final ZoneId zone;

    public SettableClock() {
        this(new AtomicReference<>(), ZoneOffset.UTC);
    }

    private SettableClock(AtomicReference<Instant> fixed, ZoneId zone) {
        this.fixed = fixed;
        this.zone = zone;
    }

    /** Stops the clock at {@code instant}. */
    public void set(Instant instant) {
        fixed.set(instant);
    }

    /** Moves a stopped clock on (or a running one: it stops at now + amount). */
    public void advance(Duration amount) {
        fixed.updateAndGet(at -> (at == null ? Instant.now() : at).plus(amount));
    }

    /** Back to the system clock. */
    public void reset() {
        fixed.set(null);
    }

    @Override
    public Instant instant() {
        Instant at = fixed.get();
        return at == null ? Instant.now() : at;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // shares the setting: a BureauClock built from this clock sees every set()
        return new SettableClock(fixed, zone);
    }
}
