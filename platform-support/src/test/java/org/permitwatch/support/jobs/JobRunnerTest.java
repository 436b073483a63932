package org.permitwatch.support.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class JobRunnerTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final JobRunner jobs = new JobRunner(meters, Duration.ofMinutes(30));

    @Test
    void aHungJobIsCancelledAtItsTimeoutAndCountedNotThrown() {
        AtomicBoolean cancelled = new AtomicBoolean();
        var result = jobs.run("hung", Mono.never().doOnCancel(() -> cancelled.set(true)), Duration.ofMillis(200));
        assertThat(result).isEmpty();
        assertThat(cancelled).isTrue();
        assertThat(meters.get("permitwatch.job")
                        .tag("job", "hung")
                        .tag("outcome", "timeout")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(meters.find("permitwatch.job.last.success")
                        .tag("job", "hung")
                        .gauge())
                .isNull();
    }

    @Test
    void aFailingJobIsLoggedAndCountedNotThrown() {
        var result = jobs.run("failing", Mono.error(new IllegalStateException("database down")));
        assertThat(result).isEmpty();
        assertThat(meters.get("permitwatch.job")
                        .tag("job", "failing")
                        .tag("outcome", "failure")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aSuccessfulJobReturnsItsResultAndRecordsTheLastSuccess() {
        assertThat(jobs.run("ok", Mono.just(3))).contains(3);
        assertThat(jobs.run("ok", Mono.empty())).isEmpty();
        assertThat(meters.get("permitwatch.job")
                        .tag("job", "ok")
                        .tag("outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(meters.get("permitwatch.job.last.success")
                        .tag("job", "ok")
                        .gauge()
                        .value())
                .isPositive();
    }
}
