package org.permitwatch.permitsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The automatic-resume schedule with the defaults of application.yml: 1 min × 2^(n-1), capped at 30 min, ±50 %. */
class ResumeBackoffTest {

    private final ResumeBackoff backoff = new ResumeBackoff(
            new SyncProperties.AutoResume(8, Duration.ofMinutes(1), 2.0, 0.5, Duration.ofMinutes(30)));

    private static final OffsetDateTime PAUSED = OffsetDateTime.of(2026, 12, 5, 2, 31, 0, 0, ZoneOffset.UTC);

    @Test
    void theNominalWaitDoublesFromOneMinuteUpToTheCap() {
        // random 0.5 = the middle of the jitter band = the nominal wait: 1, 2, 4, 8, 16, then 32 → capped at 30 min
        assertThat(backoff.delay(1, 0.5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.delay(2, 0.5)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.delay(3, 0.5)).isEqualTo(Duration.ofMinutes(4));
        assertThat(backoff.delay(5, 0.5)).isEqualTo(Duration.ofMinutes(16));
        assertThat(backoff.delay(6, 0.5)).isEqualTo(Duration.ofMinutes(30));
        assertThat(backoff.delay(8, 0.5)).isEqualTo(Duration.ofMinutes(30));
        // the whole schedule: 1 + 2 + 4 + 8 + 16 + 30 + 30 + 30 = 121 min before an operator is needed
        long total = 0;
        for (int n = 1; n <= 8; n++) {
            total += backoff.delay(n, 0.5).toMinutes();
        }
        assertThat(total).isEqualTo(121);
    }

    @Test
    void jitterSpreadsTheWaitByHalfOfItselfEitherWay() {
        // attempt 1: 60 s × (1 − 0.5 + 2 × 0.5 × r): r = 0 → 30 s, r = 0.75 → 60 × 1.25 = 75 s
        assertThat(backoff.delay(1, 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(1, 0.75)).isEqualTo(Duration.ofSeconds(75));
        // attempt 7 is capped first (64 → 30 min), then spread: r = 0.75 → 30 × 1.25 = 37.5 min
        assertThat(backoff.delay(7, 0.75)).isEqualTo(Duration.ofSeconds(37 * 60 + 30));
        // r = 0 after the cap: 30 × 0.5 = 15 min
        assertThat(backoff.delay(7, 0.0)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theNextRetryIsPlannedUntilTheCapThenNone() {
        // no automatic resume yet → attempt 1 at 02:31 + 1 min
        assertThat(backoff.nextRetry(PAUSED, 0, 0.5)).isEqualTo(PAUSED.plusMinutes(1));
        // 7 made → attempt 8 (the last): nominal 2^7 = 128 min, capped at 30
        assertThat(backoff.nextRetry(PAUSED, 7, 0.5)).isEqualTo(PAUSED.plusMinutes(30));
        // 8 made = the cap: nothing planned
        assertThat(backoff.nextRetry(PAUSED, 8, 0.5)).isNull();
        assertThat(backoff.nextRetry(PAUSED, 9, 0.5)).isNull();
    }

    @Test
    void zeroAttemptsMeansEveryPauseWaitsForAnOperator() {
        ResumeBackoff off = new ResumeBackoff(
                new SyncProperties.AutoResume(0, Duration.ofMinutes(1), 2.0, 0.5, Duration.ofMinutes(30)));
        assertThat(off.nextRetry(PAUSED, 0, 0.5)).isNull();
    }
}
