package org.permitwatch.support.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * Runs the body of a {@code @Scheduled} job: waits for it on the scheduler thread (so two runs of one job never
 * overlap on an instance) but never longer than the job's timeout, and never lets a failure escape — a hung or
 * failing job cannot take the scheduler thread with it and stop the other jobs (the nightly sync) from firing.
 * Each run is timed ({@code permitwatch.job} with {@code job} and {@code outcome} = success, failure, timeout) and
 * the last success is a gauge ({@code permitwatch.job.last.success}, epoch seconds), which an alert rule can watch.
 */
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final MeterRegistry meters;
    private final Duration defaultTimeout;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    /** @param meters null when the service has no meter registry (tests) */
    public JobRunner(MeterRegistry meters, Duration defaultTimeout) {
        this.meters = meters;
        this.defaultTimeout = defaultTimeout;
    }

    /** {@link #run(String, Mono, Duration)} with {@code permitwatch.jobs.timeout}. */
    public <T> Optional<T> run(String job, Mono<T> work) {
        return run(job, work, defaultTimeout);
    }

    /**
     * Subscribes to {@code work} and waits at most {@code timeout}; on timeout the subscription is cancelled: the job
     * starts no further step, while a transaction already started finishes as a whole in the background (ADR 0056;
     * its statements are bounded by {@code statement_timeout}). Returns the result, or empty when the job failed,
     * timed out or produced nothing; the failure is logged and counted, never thrown.
     */
    public <T> Optional<T> run(String job, Mono<T> work, Duration timeout) {
        long start = System.nanoTime();
        String outcome = "success";
        try {
            Optional<T> result = work.timeout(timeout).blockOptional();
            lastSuccess(job).set(System.currentTimeMillis() / 1000);
            return result;
        } catch (RuntimeException e) {
            if (Exceptions.unwrap(e) instanceof TimeoutException) {
                outcome = "timeout";
                log.error("job {} did not finish within {}; cancelled, next run as scheduled", job, timeout);
            } else {
                outcome = "failure";
                log.error("job {} failed; next run as scheduled", job, e);
            }
            return Optional.empty();
        } finally {
            if (meters != null) {
                Timer.builder("permitwatch.job")
                        .tag("job", job)
                        .tag("outcome", outcome)
                        .register(meters)
                        .record(Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    private AtomicLong lastSuccess(String job) {
        return lastSuccess.computeIfAbsent(job, name -> {
            AtomicLong value = new AtomicLong();
            if (meters != null) {
                meters.gauge(
                        "permitwatch.job.last.success",
                        io.micrometer.core.instrument.Tags.of("job", name),
                        value,
                        AtomicLong::doubleValue);
            }
            return value;
        });
    }
}
