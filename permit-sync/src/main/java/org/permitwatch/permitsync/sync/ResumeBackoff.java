package org.permitwatch.permitsync.sync;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * When a paused run is resumed by itself: the one rule for {@code permitwatch.sync.auto-resume} (see {@link
 * SyncProperties.AutoResume}). Pure, so the arithmetic is tested without a clock or a database.
 */
final class ResumeBackoff {

    private final SyncProperties.AutoResume policy;

    ResumeBackoff(SyncProperties.AutoResume policy) {
        this.policy = policy;
    }

    int maxAttempts() {
        return policy.maxAttempts();
    }

    /**
     * The wait before automatic attempt {@code attempt} (1-based): the nominal exponential delay, capped, then spread
     * by the jitter. {@code random} is uniform in [0, 1): 0 gives the shortest wait, 0.5 the nominal one.
     */
    Duration delay(int attempt, double random) {
        double nominal = policy.initialBackoff().toMillis() * Math.pow(policy.multiplier(), attempt - 1);
        double capped = Math.min(nominal, policy.maxBackoff().toMillis());
        double spread = capped * (1 - policy.jitter() + 2 * policy.jitter() * random);
        return Duration.ofMillis(Math.max(1, Math.round(spread)));
    }

    /**
     * The next automatic resume of a run paused at {@code pausedAt} after {@code attemptsMade} automatic resumes that
     * brought no progress; null when the cap is reached and only an operator (or the schedule) resumes it.
     */
    @Nullable
    OffsetDateTime nextRetry(OffsetDateTime pausedAt, int attemptsMade, double random) {
        if (attemptsMade >= policy.maxAttempts()) {
            return null;
        }
        return pausedAt.plus(delay(attemptsMade + 1, random));
    }
}
