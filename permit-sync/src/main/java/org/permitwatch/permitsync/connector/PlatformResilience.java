package org.permitwatch.permitsync.connector;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Mono;

/**
 * The Resilience4j instances around platform calls, configured from {@link NationalPlatformProperties}.
 *
 * <p>Order, outermost first: Retry → wait for the half-open trial's verdict → CircuitBreaker → Bulkhead
 * (details only) → TimeLimiter → attempt, and the RateLimiter around every single HTTP exchange inside the
 * attempt (token, data call, the call repeated after a token refresh).
 * <ul>
 *   <li>Retry outside the breaker: every failed attempt is one breaker failure, so a platform outage
 *       opens the breaker within one or two calls' retries; an open breaker's rejection is not retried,
 *       so the caller gets {@link PlatformUnavailableException} at once and the sync pauses.</li>
 *   <li>A half-open breaker admits a trial of N calls and decides only when all N have answered, so a caller
 *       refused because the trial is full (not because the breaker is open) waits for the verdict and asks
 *       again. A run's page always asks more than any trial: after the list call, a detail starts as each
 *       earlier one answers, while the trial is still undecided. Failing those calls paused every resumed
 *       run again the moment the platform recovered (session 13). The wait is no retry: the call never
 *       reached the platform.</li>
 *   <li>Bulkhead inside the retry: a detail fetch waiting out its back-off does not hold a slot.</li>
 *   <li>RateLimiter innermost: the quota counts HTTP requests, and one attempt can send up to four
 *       (token, call, token refresh, call again); waiting for a permit never holds the breaker's
 *       half-open trial.</li>
 * </ul>
 * The breaker records only transient platform faults; rejections (40001) are answers, not failures,
 * and bulkhead/rate-limiter refusals say nothing about the platform's health.
 */
final class PlatformResilience {

    static final String PLATFORM = "nationalPlatform";
    static final String DETAIL = "nationalPlatformDetail";

    /** How often a call refused by a full half-open trial asks again: a trial's calls answer within milliseconds. */
    static final Duration TRIAL_POLL = Duration.ofMillis(50);

    private final RateLimiter rateLimiter;
    private final CircuitBreaker circuitBreaker;
    private final Retry listRetry;
    private final Retry detailRetry;
    private final Bulkhead detailBulkhead;
    private final TimeLimiter timeLimiter;
    private final reactor.util.retry.Retry trialVerdict;

    PlatformResilience(NationalPlatformProperties properties, PlatformResilienceRegistries registries) {
        this.rateLimiter = registries.rateLimiters().rateLimiter(PLATFORM, rateLimiterConfig(properties.rateLimit()));
        this.circuitBreaker = registries
                .circuitBreakers()
                .circuitBreaker(PLATFORM, circuitBreakerConfig(properties.circuitBreaker()));
        RetryConfig retryConfig = retryConfig(properties.retry());
        this.listRetry = registries.retries().retry(PLATFORM, retryConfig);
        this.detailRetry = registries.retries().retry(DETAIL, retryConfig);
        this.detailBulkhead = registries
                .bulkheads()
                .bulkhead(
                        DETAIL,
                        BulkheadConfig.custom()
                                .maxConcurrentCalls(properties.detailBulkhead().maxConcurrent())
                                // Zero: a semaphore wait would block the event loop; a full bulkhead fails at once.
                                .maxWaitDuration(Duration.ZERO)
                                .build());
        this.timeLimiter = registries
                .timeLimiters()
                .timeLimiter(
                        PLATFORM,
                        TimeLimiterConfig.custom()
                                .timeoutDuration(properties.timeouts().call())
                                .cancelRunningFuture(true)
                                .build());
        this.trialVerdict = trialVerdict(properties.timeouts().call());
    }

    /** One HTTP exchange, held back until the platform's quota allows it. */
    <T> Mono<T> rateLimited(Mono<T> exchange) {
        return exchange.transformDeferred(RateLimiterOperator.of(rateLimiter));
    }

    /** A logical list call: attempts retried, guarded by the breaker. */
    <T> Mono<T> list(Mono<T> attempt) {
        return guarded(attempt, listRetry, false);
    }

    /** A logical detail call: as {@link #list}, plus the detail bulkhead. */
    <T> Mono<T> detail(Mono<T> attempt) {
        return guarded(attempt, detailRetry, true);
    }

    RateLimiter rateLimiter() {
        return rateLimiter;
    }

    CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    Bulkhead detailBulkhead() {
        return detailBulkhead;
    }

    private <T> Mono<T> guarded(Mono<T> attempt, Retry retry, boolean bulkhead) {
        Mono<T> timed = attempt.transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .onErrorMap(
                        TimeoutException.class,
                        timeout -> new PlatformFault(
                                PlatformFault.Kind.TIMEOUT,
                                "no answer within "
                                        + timeLimiter.getTimeLimiterConfig().getTimeoutDuration(),
                                null,
                                timeout));
        Mono<T> limited = bulkhead ? timed.transformDeferred(BulkheadOperator.of(detailBulkhead)) : timed;
        return limited.transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                .retryWhen(trialVerdict)
                .transformDeferred(RetryOperator.of(retry));
    }

    /**
     * Asks again every {@link #TRIAL_POLL} while the refusal came from a full half-open trial, for at most the call
     * timeout (the longest a trial call can take). Once the trial reopens the breaker, the refusal is final.
     */
    private reactor.util.retry.Retry trialVerdict(Duration callTimeout) {
        long polls = Math.max(1, callTimeout.toMillis() / TRIAL_POLL.toMillis());
        return reactor.util.retry.Retry.fixedDelay(polls, TRIAL_POLL)
                .filter(error -> error instanceof CallNotPermittedException && trialUndecidedOrClosed())
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    /** HALF_OPEN: the trial is running; CLOSED: it has just ended well, between the refusal and now. */
    private boolean trialUndecidedOrClosed() {
        CircuitBreaker.State state = circuitBreaker.getState();
        return state == CircuitBreaker.State.HALF_OPEN || state == CircuitBreaker.State.CLOSED;
    }

    private static RateLimiterConfig rateLimiterConfig(NationalPlatformProperties.RateLimit rateLimit) {
        // One permit per slot instead of a burst of N each second: the quota is kept under any window.
        Duration slot = Duration.ofNanos(Duration.ofSeconds(1).toNanos() / rateLimit.callsPerSecond());
        return RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(slot)
                .timeoutDuration(rateLimit.maxWait())
                .build();
    }

    private static CircuitBreakerConfig circuitBreakerConfig(NationalPlatformProperties.Breaker breaker) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .failureRateThreshold(breaker.failureRateThreshold())
                .waitDurationInOpenState(breaker.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpen())
                .recordException(PlatformFault.class::isInstance)
                .ignoreExceptions(BulkheadFullException.class, RequestNotPermitted.class)
                .build();
    }

    private static RetryConfig retryConfig(NationalPlatformProperties.RetryPolicy policy) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
                policy.initialBackoff(), policy.multiplier(), policy.jitter(), policy.maxBackoff());
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            long wait = backoff.apply(attempt);
            if (outcome.isLeft() && outcome.getLeft() instanceof PlatformFault fault && fault.retryAfter() != null) {
                // The platform said when to come back: never earlier, jitter only ever adds.
                wait = Math.max(wait, fault.retryAfter().toMillis());
            }
            return wait;
        };
        Duration maxRetryAfter = policy.maxRetryAfter();
        return RetryConfig.custom()
                .maxAttempts(policy.maxAttempts())
                .intervalBiFunction(interval)
                .retryOnException(error -> error instanceof PlatformFault fault
                        && fault.kind().retryable()
                        && (fault.retryAfter() == null || fault.retryAfter().compareTo(maxRetryAfter) <= 0))
                .build();
    }
}
