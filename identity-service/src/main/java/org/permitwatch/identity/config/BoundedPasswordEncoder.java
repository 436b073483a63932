package org.permitwatch.identity.config;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * At most {@code permits} password hashes at a time; the rest wait their turn.
 *
 * <p>Why: an Argon2id hash holds its whole memory cost (16 MiB with Spring Security's defaults) on the heap while it
 * runs, and every sign-in, every client-credentials token and every secret rotation hashes once. Tomcat's 50 request
 * threads could run 50 hashes at once — 800 MiB against the provider's 256 MB heap, so a burst of token requests
 * (a morning's sign-ins, a city system's retries, or anyone with a wrong secret) ended in an OutOfMemoryError, and
 * with {@code -XX:+ExitOnOutOfMemoryError} in the identity provider's exit: a denial of service for the whole
 * platform. Even below that, the heap grown by a burst stays committed under the serial collector, which kept the
 * provider far above its memory budget afterwards. Bounding the hashes bounds both; extra hashes beyond the cores
 * would not finish sooner anyway, since Argon2 is CPU-bound.
 *
 * <p>A request that cannot get a permit within {@code maxWait} fails (a {@link PasswordHashingBusyException}) rather
 * than piling up threads without limit.
 */
public final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Semaphore permits;
    private final int permitCount;
    private final Duration maxWait;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public BoundedPasswordEncoder(PasswordEncoder delegate, int permits, Duration maxWait) {
        if (permits < 1) {
            throw new IllegalArgumentException("at least one concurrent hash: " + permits);
        }
        this.delegate = delegate;
        this.permits = new Semaphore(permits, true);
        this.permitCount = permits;
        this.maxWait = maxWait;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        acquire();
        try {
            return delegate.encode(rawPassword);
        } finally {
            release();
        }
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        acquire();
        try {
            return delegate.matches(rawPassword, encodedPassword);
        } finally {
            release();
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword); // parses the hash's parameters only: nothing to bound
    }

    public int permits() {
        return permitCount;
    }

    /** The most hashes that ran at the same time since start (for tests and the record). */
    public int peakConcurrent() {
        return peak.get();
    }

    private void acquire() {
        try {
            if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PasswordHashingBusyException(maxWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PasswordHashingBusyException(maxWait);
        }
        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
    }

    private void release() {
        running.decrementAndGet();
        permits.release();
    }

    /** Every permit stayed taken for {@code maxWait}: the provider is saturated with sign-ins. */
    public static final class PasswordHashingBusyException extends IllegalStateException {
        PasswordHashingBusyException(Duration maxWait) {
            super("password hashing saturated: no slot within " + maxWait.toMillis() + " ms");
        }
    }
}
