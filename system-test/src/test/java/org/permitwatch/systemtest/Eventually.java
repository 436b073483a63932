package org.permitwatch.systemtest;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling for asynchronous outcomes (Kafka, outbox relays, restarts), with a message that says what was awaited. */
final class Eventually {

    private Eventually() {}

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
                last = null;
            } catch (RuntimeException e) {
                last = e;
            }
            Api.sleep(500);
        }
        throw new AssertionError(
                "not within " + timeout + ": " + what + (last == null ? "" : " (last error: " + last + ")"));
    }

    /** Polls until {@code value} returns the same non-null result twice in a row {@code settle} apart, returns it. */
    static <T> T settled(String what, Duration timeout, Duration settle, Supplier<T> value) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T previous = null;
        while (System.nanoTime() < deadline) {
            T now = value.get();
            if (now != null && now.equals(previous)) {
                return now;
            }
            previous = now;
            Api.sleep(settle.toMillis());
        }
        throw new AssertionError("did not settle within " + timeout + ": " + what + " (last: " + previous + ")");
    }
}
