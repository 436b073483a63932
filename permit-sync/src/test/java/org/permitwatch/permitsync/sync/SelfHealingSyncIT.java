package org.permitwatch.permitsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.mock.NationalPlatformMock;
import org.permitwatch.mock.fault.Endpoint;
import org.permitwatch.mock.fault.FaultSpec;
import org.permitwatch.mock.fault.FaultType;
import org.permitwatch.permitsync.NationalPlatformMocks;
import org.permitwatch.permitsync.PermitSyncTestSupport;
import org.permitwatch.testsupport.SettableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Self-healing sync (ADR 0036) on the shared context: a burst of platform faults longer than the connector's retries
 * pauses a run, which resumes by itself at its planned time and ends SUCCEEDED with nobody triggering it; the cap on
 * automatic resumes leaves it PAUSED with the reason until an operator resumes it; a run whose owner died is taken
 * over once its lease expired and continues from its checkpoint.
 *
 * <p>The shared context plans automatic resumes 10 min (± 50 %) after a pause on its {@link SettableClock}, 20 min
 * at most, 3 attempts: the tests move the clock to the planned instant instead of waiting, and the supervisor (every
 * 200 ms) does the rest.
 */
class SelfHealingSyncIT extends PermitSyncTestSupport {

    private static final int SIZE = 500;
    private static final Duration QUICK = Duration.ofSeconds(60);

    @Autowired
    SettableClock clock;

    @Override
    protected NationalPlatformMock platform() {
        return NationalPlatformMocks.of(SIZE);
    }

    @BeforeEach
    void reset() {
        cleanDatabase();
        platform().reset();
        clock.reset();
    }

    @AfterEach
    void releaseTheClock() {
        platform().faults().clear();
        clock.reset();
    }

    @Test
    void aBurstOfFaultsLongerThanTheRetriesPausesTheRunAndItHealsWithoutAnyone() {
        // 500 permits in pages of 100. List calls 1–2 (pages 1–2) answer; then, each burst longer than the
        // connector's 3 attempts of one call: calls 3–5 → 503 (pause 1); after the automatic resume, call 6 times
        // out (5 s > the 4 s response timeout) and calls 7–8 have their connection reset (pause 2); call 9 on answer.
        platform()
                .faults()
                .enable(
                        FaultSpec.of(FaultType.SERVER_ERROR)
                                .on(Endpoint.LIST)
                                .after(2)
                                .times(3)
                                .status(503),
                        FaultSpec.of(FaultType.SLOW_RESPONSE)
                                .on(Endpoint.LIST)
                                .after(5)
                                .times(1)
                                .delayMs(5_000),
                        FaultSpec.of(FaultType.CONNECTION_RESET)
                                .on(Endpoint.LIST)
                                .after(6)
                                .times(2));

        UUID id = startRun("FULL");

        Map<String, Object> first = awaitPause(id, 1);
        Map<String, Object> pause1 = pauseOf(first);
        assertThat(intOf(first, "pages"))
                .as("pages 1–2 committed before the burst")
                .isEqualTo(2);
        assertThat(pause1.get("reason")).isEqualTo("PLATFORM_UNAVAILABLE");
        assertThat((String) pause1.get("lastFault")).contains("503");
        assertThat(pause1.get("attemptsMade")).isEqualTo(0);
        assertThat(pause1.get("attempt")).isEqualTo(1);
        assertThat(pause1.get("maxAttempts")).isEqualTo(3);
        assertThat(first.get("leaseOwner")).as("a paused run holds no lease").isNull();
        // attempt 1: 10 min × 2^0 = 10 min, ± 50 % → between 5 and 15 min after the pause
        OffsetDateTime paused1 = time(pause1, "pausedAt");
        assertThat(time(pause1, "nextRetryAt")).isBetween(paused1.plusMinutes(5), paused1.plusMinutes(15));

        // Nothing happens before the planned time (the supervisor looks every 200 ms: 5 looks).
        sleep(1_000);
        assertThat(runStatus(id)).isEqualTo("PAUSED");

        clock.set(time(pause1, "nextRetryAt").toInstant().plusSeconds(1));
        Map<String, Object> second = awaitPause(id, 2);
        Map<String, Object> pause2 = pauseOf(second);
        assertThat(intOf(second, "pages"))
                .as("the resumed run met the second burst at once")
                .isEqualTo(2);
        assertThat(pause2.get("reason")).isEqualTo("PLATFORM_UNAVAILABLE");
        assertThat(pause2.get("attemptsMade")).isEqualTo(1);
        assertThat(pause2.get("attempt")).isEqualTo(2);
        assertThat((String) pause2.get("lastFault")).isNotBlank().doesNotContain("503");
        // attempt 2: 10 min × 2^1 = 20 min (= the cap of 20 min), ± 50 % → between 10 and 30 min
        OffsetDateTime paused2 = time(pause2, "pausedAt");
        assertThat(time(pause2, "nextRetryAt")).isBetween(paused2.plusMinutes(10), paused2.plusMinutes(30));

        clock.set(time(pause2, "nextRetryAt").toInstant().plusSeconds(1));
        assertThat(awaitStatus(id, "SUCCEEDED")).isEqualTo("SUCCEEDED");

        assertThat(platform().stats().faultsFired())
                .containsKeys(FaultType.SERVER_ERROR, FaultType.SLOW_RESPONSE, FaultType.CONNECTION_RESET);
        assertDirectoryEqualsPlatform(platform());
        Map<String, Object> done = run(id);
        assertThat(intOf(done, "created")).isEqualTo(SIZE);
        assertThat(intOf(done, "pause_count")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = 'directory.unit.events.v1'"))
                .as("every permit exactly once on the changelog")
                .isEqualTo(SIZE);
        assertThat(count("SELECT count(DISTINCT message_key) FROM outbox_event"))
                .isEqualTo(SIZE);
        assertThat(platform().stats().detailRequests())
                .as("pages committed before a pause are not fetched again")
                .isEqualTo(SIZE);
        assertThat(audits("sync.run.auto-resume")).isEqualTo(2);
        assertThat(audits("sync.run.resume")).as("no human action").isZero();
        assertThat(audits("sync.run.start")).isEqualTo(1);
        assertThat(view(id).get("pause")).isNull();
    }

    @Test
    void afterTheCapTheRunStaysPausedWithTheReasonUntilAnOperatorResumesIt() {
        platform()
                .faults()
                .enable(FaultSpec.of(FaultType.SERVER_ERROR)
                        .on(Endpoint.LIST)
                        .after(1)
                        .always());
        UUID id = startRun("FULL");

        for (int attempt = 1; attempt <= 3; attempt++) {
            Map<String, Object> pause = pauseOf(awaitPause(id, attempt));
            assertThat(pause.get("reason")).isEqualTo("PLATFORM_UNAVAILABLE");
            assertThat(pause.get("attemptsMade")).isEqualTo(attempt - 1);
            assertThat(pause.get("attempt")).isEqualTo(attempt);
            clock.set(time(pause, "nextRetryAt").toInstant().plusSeconds(1));
        }
        Map<String, Object> exhausted = awaitPause(id, 4);
        Map<String, Object> pause = pauseOf(exhausted);
        assertThat(pause.get("reason")).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(pause.get("attemptsMade")).isEqualTo(3);
        assertThat(pause.get("maxAttempts")).isEqualTo(3);
        assertThat(pause.get("attempt")).isNull();
        assertThat(pause.get("nextRetryAt")).isNull();
        assertThat((String) pause.get("lastFault")).isNotBlank();
        assertThat(intOf(exhausted, "pages"))
                .as("page 1 committed, then nothing")
                .isEqualTo(1);

        // A day later (and five looks of the supervisor) it is still waiting: the cap holds.
        clock.advance(Duration.ofDays(1));
        sleep(1_000);
        assertThat(runStatus(id)).isEqualTo("PAUSED");
        assertThat(intOf(run(id), "pause_count")).isEqualTo(4);

        platform().faults().clear();
        sleep(600); // the breaker goes half-open
        assertThat(startRun("FULL")).as("the operator resumes the same run").isEqualTo(id);
        assertThat(awaitStatus(id, "SUCCEEDED")).isEqualTo("SUCCEEDED");
        assertDirectoryEqualsPlatform(platform());
        assertThat(audits("sync.run.auto-resume")).isEqualTo(3);
        assertThat(audits("sync.run.resume")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = 'directory.unit.events.v1'"))
                .isEqualTo(SIZE);
    }

    @Test
    void aRunWhoseOwnerDiedIsTakenOverWhenItsLeaseExpiresAndContinuesFromItsCheckpoint() {
        platform()
                .faults()
                .enable(FaultSpec.of(FaultType.SERVER_ERROR)
                        .on(Endpoint.LIST)
                        .after(2)
                        .always());
        UUID id = startRun("FULL");
        awaitPause(id, 1);
        assertThat(intOf(run(id), "pages")).isEqualTo(2);
        // What a run looks like when the pod running it died: RUNNING, leased to an instance that renews nothing
        // any more, for another 3 s.
        db.sql("""
                        UPDATE sync_run SET status = 'RUNNING', pause_reason = NULL, paused_at = NULL,
                            next_retry_at = NULL, lease_owner = 'permit-sync-7f9c-dead',
                            lease_expires_at = now() + interval '3 seconds'
                        WHERE id = :id""").bind("id", id).then().block();
        platform().faults().clear();

        // While the lease lives, the run is somebody else's: a trigger gets 409 and no instance takes it.
        web.post()
                .uri("/api/v1/sync/runs")
                .header(HttpHeaders.AUTHORIZATION, bearer(provinceToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", "FULL"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        assertThat(run(id).get("lease_owner")).isEqualTo("permit-sync-7f9c-dead");

        assertThat(awaitStatus(id, "SUCCEEDED")).isEqualTo("SUCCEEDED");
        assertThat(platform().stats().detailRequests())
                .as("the two pages committed before are not fetched again")
                .isEqualTo(SIZE);
        assertDirectoryEqualsPlatform(platform());
        assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = 'directory.unit.events.v1'"))
                .isEqualTo(SIZE);
        assertThat(count("""
                        SELECT count(*) FROM audit_log WHERE action = 'sync.run.takeover'
                            AND details->>'previousOwner' = 'permit-sync-7f9c-dead'""")).isEqualTo(1);
    }

    /** Waits until the run's pause_count reaches {@code pauses} while it is PAUSED; returns its API view. */
    private Map<String, Object> awaitPause(UUID id, int pauses) {
        long deadline = System.nanoTime() + QUICK.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> row = run(id);
            if ("PAUSED".equals(row.get("status")) && intOf(row, "pause_count") >= pauses) {
                assertThat(intOf(row, "pause_count")).isEqualTo(pauses);
                return view(id);
            }
            assertThat(row.get("status")).isIn("RUNNING", "PAUSED");
            sleep(100);
        }
        throw new AssertionError("run " + id + " not paused " + pauses + " time(s) within " + QUICK + ": " + run(id));
    }

    private String awaitStatus(UUID id, String expected) {
        long deadline = System.nanoTime() + QUICK.toNanos();
        while (System.nanoTime() < deadline) {
            String status = runStatus(id);
            if (expected.equals(status) || "FAILED".equals(status)) {
                return status;
            }
            sleep(100);
        }
        throw new AssertionError("run " + id + " not " + expected + " within " + QUICK + ": " + run(id));
    }

    private Map<String, Object> view(UUID id) {
        return web.get()
                .uri("/api/v1/sync/runs/" + id)
                .header(HttpHeaders.AUTHORIZATION, bearer(provinceToken()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pauseOf(Map<String, Object> view) {
        assertThat(view.get("status")).isEqualTo("PAUSED");
        assertThat(view.get("pause"))
                .as("a paused run's view says why and when")
                .isNotNull();
        return (Map<String, Object>) view.get("pause");
    }

    private static OffsetDateTime time(Map<String, Object> map, String key) {
        return OffsetDateTime.parse((String) map.get(key));
    }

    private long audits(String action) {
        return db.sql("SELECT count(*) FROM audit_log WHERE action = :a")
                .bind("a", action)
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> r.get(0, Long.class)).one().block();
    }
}
