package org.permitwatch.support.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A business gauge read from the database on a schedule, never per scrape (issue 21, ADR 0043): Prometheus scrapes
 * every replica every few seconds, and a count per scrape would put that load on the database for a figure that
 * changes slowly. The scrape reads the last value; a failed query keeps it (the query is logged). {@code NaN} until
 * the first query ran, so an alert on the figure cannot fire on a value nobody measured.
 *
 * <p>The query must be cheap in itself (served by an index): it still runs once per period on every replica.
 */
public final class CachedGauge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CachedGauge.class);

    private final String name;
    private final Duration period;
    private final Supplier<Mono<? extends Number>> query;
    private final AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
    private volatile Disposable running;

    public CachedGauge(
            MeterRegistry registry,
            String name,
            String description,
            Tags tags,
            Duration period,
            Supplier<Mono<? extends Number>> query) {
        this.name = name;
        this.period = period;
        this.query = query;
        Gauge.builder(name, value, AtomicReference::get)
                .description(description)
                .tags(tags)
                .register(registry);
    }

    /** Runs the query once now and emits the value stored (tests and the first round use it). */
    public Mono<Double> refresh() {
        return Mono.defer(query)
                .map(Number::doubleValue)
                .doOnNext(value::set)
                .onErrorResume(error -> {
                    log.warn("gauge {}: query failed, keeping the last value", name, error);
                    return Mono.empty();
                })
                .defaultIfEmpty(value.get());
    }

    public double value() {
        return value.get();
    }

    @Override
    public synchronized void start() {
        if (running == null) {
            running = Flux.interval(Duration.ZERO, period)
                    .onBackpressureDrop()
                    .concatMap(tick -> refresh(), 0)
                    .subscribe();
        }
    }

    @Override
    public synchronized void stop() {
        if (running != null) {
            running.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
