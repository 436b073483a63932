package org.permitwatch.permitsync.connector;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts HTTP calls actually sent to the national platform, by kind, and the retries among them, so a
 * run can report "platform calls per permit". Published as {@code permitwatch.platform.calls{kind}}
 * and {@code permitwatch.platform.retries{kind}}.
 */
public final class PlatformCallCounter {

    /** What an HTTP call to the platform was for. */
    public enum CallKind {
        TOKEN,
        LIST,
        DETAIL
    }

    private final Map<CallKind, Counter> calls = new EnumMap<>(CallKind.class);
    private final Map<CallKind, Counter> retries = new EnumMap<>(CallKind.class);

    public PlatformCallCounter(MeterRegistry registry) {
        for (CallKind kind : CallKind.values()) {
            String tag = kind.name().toLowerCase();
            calls.put(
                    kind,
                    Counter.builder("permitwatch.platform.calls")
                            .tag("kind", tag)
                            .description("HTTP calls sent to the national platform")
                            .register(registry));
            retries.put(
                    kind,
                    Counter.builder("permitwatch.platform.retries")
                            .tag("kind", tag)
                            .description("Retried attempts of national platform calls")
                            .register(registry));
        }
    }

    /** A counter of its own, for code that runs without Spring (tests, benchmarks). */
    public static PlatformCallCounter standalone() {
        return new PlatformCallCounter(new SimpleMeterRegistry());
    }

    void recordCall(CallKind kind) {
        calls.get(kind).increment();
    }

    void recordRetry(CallKind kind) {
        retries.get(kind).increment();
    }

    public long calls(CallKind kind) {
        return (long) calls.get(kind).count();
    }

    public long retries(CallKind kind) {
        return (long) retries.get(kind).count();
    }

    public Snapshot snapshot() {
        return new Snapshot(
                calls(CallKind.TOKEN),
                calls(CallKind.LIST),
                calls(CallKind.DETAIL),
                retries(CallKind.LIST),
                retries(CallKind.DETAIL));
    }

    /** Counts at one moment; subtract two to measure one run. Token-call retries show under the call they served. */
    public record Snapshot(long tokenCalls, long listCalls, long detailCalls, long listRetries, long detailRetries) {

        public long totalCalls() {
            return tokenCalls + listCalls + detailCalls;
        }

        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(
                    tokenCalls - earlier.tokenCalls,
                    listCalls - earlier.listCalls,
                    detailCalls - earlier.detailCalls,
                    listRetries - earlier.listRetries,
                    detailRetries - earlier.detailRetries);
        }
    }
}
