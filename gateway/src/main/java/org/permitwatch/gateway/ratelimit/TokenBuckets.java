package org.permitwatch.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-memory token buckets keyed by client. Good for one gateway instance; with several replicas each
 * enforces its own share, which is acceptable for a guard against runaway clients (no Redis needed).
 */
final class TokenBuckets {

    private static final int MAX_CLIENTS = 50_000;
    private static final long IDLE_NANOS = 10L * 60 * 1_000_000_000L;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double capacity;
    private final double refillPerNano;
    private final LongSupplier nanoClock;

    TokenBuckets(int burst, double refillPerSecond, LongSupplier nanoClock) {
        this.capacity = burst;
        this.refillPerNano = refillPerSecond / 1_000_000_000d;
        this.nanoClock = nanoClock;
    }

    /** Takes one token; returns 0 when allowed, else the whole seconds until the next token. */
    long tryAcquire(String client) {
        long now = nanoClock.getAsLong();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(bucket -> now - bucket.lastRefill > IDLE_NANOS);
        }
        Bucket bucket = buckets.computeIfAbsent(client, key -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.lastRefill) * refillPerNano);
            bucket.lastRefill = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double nanosToNext = (1 - bucket.tokens) / refillPerNano;
            return Math.max(1, (long) Math.ceil(nanosToNext / 1_000_000_000d));
        }
    }

    private static final class Bucket {
        double tokens;
        long lastRefill;

        Bucket(double tokens, long lastRefill) {
            this.tokens = tokens;
            this.lastRefill = lastRefill;
        }
    }
}
