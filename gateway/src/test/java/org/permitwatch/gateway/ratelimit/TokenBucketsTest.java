package org.permitwatch.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Driven by a hand-moved clock: no sleeping, no dependence on machine speed. */
class TokenBucketsTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(2, 1.0, clock::get);

    @Test
    void allowsTheBurstThenRefusesUntilRefilled() {
        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).isEqualTo(1);

        clock.addAndGet(1_000_000_000L);
        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).isEqualTo(1);
    }

    @Test
    void clientsHaveSeparateBucketsAndRefillStopsAtTheBurst() {
        buckets.tryAcquire("a");
        buckets.tryAcquire("a");
        assertThat(buckets.tryAcquire("b")).isZero();

        clock.addAndGet(3_600_000_000_000L);
        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).isEqualTo(1);
    }
}
