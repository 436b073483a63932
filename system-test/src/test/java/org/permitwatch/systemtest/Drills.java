package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Fault drills on the running platform. Each asserts nothing lost and nothing duplicated, and leaves the platform
 * healthy for the next one.
 */
final class Drills {

    private final Campaign c;
    private final Workload workload;

    Drills(Campaign campaign, Workload workload) {
        this.c = campaign;
        this.workload = workload;
    }

    /**
     * (a) The national platform misbehaves in every retryable way of the contract during an INCREMENTAL sync (detail
     * faults, after the dataset moved) and a FULL sync (list faults): afterwards the directory, and inspection-service's
     * projection, equal the platform's dataset exactly.
     */
    void nationalPlatformFaults() {
        Sync sync = new Sync(c.gateway, c.province());
        JsonNode moved = c.mock.mutate(40, 15, 10);
        assertThat(moved.get("added").size()).isEqualTo(10);
        c.mock.faults("""
                [{"type":"SERVER_ERROR","endpoints":["DETAIL"],"after":2,"times":3,"status":503},
                 {"type":"CONNECTION_RESET","endpoints":["DETAIL"],"after":5,"times":2},
                 {"type":"HTTP_429","endpoints":["DETAIL"],"after":8,"times":2,"retryAfterSeconds":1},
                 {"type":"CODE_42901","endpoints":["DETAIL"],"after":12,"times":1},
                 {"type":"CODE_50001","endpoints":["DETAIL"],"after":15,"times":2},
                 {"type":"TOKEN_EXPIRED","endpoints":["DETAIL"],"after":20,"times":1},
                 {"type":"SLOW_RESPONSE","endpoints":["DETAIL"],"after":25,"times":1,"delayMs":1500},
                 {"type":"SERVER_ERROR","endpoints":["TOKEN"],"times":1,"status":500}]""");
        JsonNode incremental = sync.run("INCREMENTAL", Duration.ofMinutes(3));
        JsonNode fired = c.mock.activeFaults();
        c.mock.clearFaults();
        System.out.println("[system-test] INCREMENTAL under faults: " + incremental + "\n  faults: " + fired);
        assertThat(incremental.get("status").asString())
                .as("incremental sync under faults: %s", incremental)
                .isEqualTo("SUCCEEDED");
        Map<String, Long> platform = c.mock.permits();
        assertThat(platform).hasSize(SystemTestSettings.MOCK_SIZE + 10);
        assertThat(c.directory.versions(c.province())).isEqualTo(platform);

        c.mock.mutate(20, 5, 5);
        c.mock.faults("""
                [{"type":"MALFORMED_BODY","endpoints":["LIST"],"pageNo":2,"times":1},
                 {"type":"SHORT_PAGE","endpoints":["LIST"],"pageNo":3,"times":1,"records":7},
                 {"type":"DUPLICATES","endpoints":["LIST"],"pageNo":2,"times":1,"records":5},
                 {"type":"MOVING_DATASET","endpoints":["LIST"],"pageNo":3,"times":1,"records":4},
                 {"type":"SERVER_ERROR","endpoints":["LIST"],"pageNo":4,"times":2,"status":502},
                 {"type":"CONNECTION_RESET","endpoints":["LIST"],"pageNo":1,"times":1},
                 {"type":"CODE_50001","endpoints":["DETAIL"],"after":100,"times":2}]""");
        JsonNode full = sync.run("FULL", Duration.ofMinutes(4));
        fired = c.mock.activeFaults();
        c.mock.clearFaults();
        System.out.println("[system-test] FULL under faults: " + full + "\n  faults: " + fired);
        assertThat(full.get("status").asString())
                .as("full sync under faults: %s", full)
                .isEqualTo("SUCCEEDED");
        platform = c.mock.permits();
        assertThat(platform).hasSize(SystemTestSettings.MOCK_SIZE + 15);
        assertThat(c.directory.versions(c.province())).isEqualTo(platform);
        c.projectionEquals(platform);
    }

    /**
     * (a0) Issue 21's "killing the platform mock mid-sync ends in a SUCCEEDED run with no human action": the mock
     * (the national platform) is SIGKILLed while a FULL sync waits for its answer to a list call, and only brought
     * back once the run has PAUSED. Nobody triggers the run again: it resumes by itself (ADR 0036; 5 s, 10 s, 20 s …
     * here) from its checkpoint and ends SUCCEEDED, every permit of the platform counted exactly once (nothing
     * listed twice across the resume, nothing skipped), no change written (the dataset did not change: the mock
     * starts again from the same seed), the directory equal to the platform's listing. Runs before (a): the mock's
     * mutations live in its memory and would not survive the kill.
     */
    void nationalPlatformKilledMidSync() {
        Sync sync = new Sync(c.gateway, c.province());
        Map<String, Long> platform = c.mock.permits();
        assertThat(platform).hasSize(SystemTestSettings.MOCK_SIZE);
        assertThat(c.directory.versions(c.province())).isEqualTo(platform);
        // The second list call (keyset paging: page 1 of the listing after page 1's cursor) answers after 6 s, within
        // the connector's 10 s response timeout: the kill lands while that call is in flight, after page 1 (500
        // permits) is committed.
        c.mock.faults("""
                [{"type":"SLOW_RESPONSE","endpoints":["LIST"],"after":1,"times":1,"delayMs":6000}]""");
        String id = sync.trigger("FULL");
        JsonNode beforeKill = awaitRun(
                sync,
                id,
                "page 1 committed",
                Duration.ofSeconds(60),
                r -> r.path("pages").asInt() >= 1);
        assertThat(status(beforeKill))
                .as("the run is still running when the platform dies: %s", beforeKill)
                .isEqualTo("RUNNING");
        c.platform.kill("mock");
        JsonNode paused =
                awaitRun(sync, id, "paused by the outage", Duration.ofSeconds(60), r -> !"RUNNING".equals(status(r)));
        assertThat(status(paused)).as("the run after the kill: %s", paused).isEqualTo("PAUSED");
        assertThat(paused.path("pause").path("reason").asString()).isEqualTo("PLATFORM_UNAVAILABLE");
        assertThat(paused.path("pause").path("nextRetryAt").isNull()
                        || paused.path("pause").path("nextRetryAt").isMissingNode())
                .as("the run plans its automatic resume: %s", paused)
                .isFalse();
        int pagesAtPause = paused.path("pages").asInt();
        assertThat(pagesAtPause).as("pages committed before the outage").isBetween(1, 3);

        c.platform.restart("mock");
        JsonNode done = awaitRun(sync, id, "SUCCEEDED with no one triggering it", Duration.ofMinutes(3), r -> {
            assertThat(r.path("pause").path("reason").asString())
                    .as("the run used up its automatic resumes: %s", r)
                    .isNotEqualTo("RETRIES_EXHAUSTED");
            return !"RUNNING".equals(status(r)) && !"PAUSED".equals(status(r));
        });
        System.out.println("[system-test] FULL sync with the platform killed mid-run: " + done);
        assertThat(status(done)).as("the run: %s", done).isEqualTo("SUCCEEDED");
        int size = SystemTestSettings.MOCK_SIZE;
        assertThat(done.path("fetched").asInt())
                .as("permits listed, each once: %s", done)
                .isEqualTo(size);
        assertThat(done.path("unchanged").asInt()).as("unchanged: %s", done).isEqualTo(size);
        assertThat(done.path("created").asInt()
                        + done.path("updated").asInt()
                        + done.path("failed").asInt())
                .as("created + updated + failed: %s", done)
                .isZero();
        assertThat(done.path("pages").asInt()).as("pages: %s", done).isGreaterThan(pagesAtPause);
        assertThat(done.path("pauseCount").asInt()).isPositive();
        assertThat(c.db.count(
                        "permit_sync",
                        "SELECT count(*) FROM audit_log WHERE action = 'sync.run.auto-resume' AND resource_id = ?",
                        id))
                .as("automatic resumes of run %s", id)
                .isPositive();
        assertThat(c.db.count(
                        "permit_sync",
                        "SELECT count(*) FROM audit_log WHERE action = 'sync.run.resume' AND resource_id = ?",
                        id))
                .as("resumes by hand of run %s", id)
                .isZero();
        assertThat(c.mock.permits()).as("the restarted platform's dataset").isEqualTo(platform);
        assertThat(c.directory.versions(c.province())).isEqualTo(platform);
    }

    private static String status(JsonNode run) {
        return run.path("status").asString();
    }

    /** Polls the run every 200 ms until {@code done} holds for it; returns that view. */
    private static JsonNode awaitRun(Sync sync, String id, String what, Duration timeout, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = sync.view(id);
            if (done.test(run)) {
                return run;
            }
            Api.sleep(200);
        }
        throw new AssertionError("sync run " + id + " not " + what + " within " + timeout + "; last: " + run);
    }

    /**
     * (b) The Kafka broker is SIGKILLed in the middle of a burst of clue transfers and inspection submissions and
     * started again: every clue (sent by the province, accepted by Taiyuan) becomes exactly one CLUE task (liaison →
     * Kafka → inspection), every submission
     * has exactly one record and one outbox event, and both outboxes drain.
     */
    void kafkaKilledMidBurst() {
        int n = SystemTestSettings.DRILL_BURST;
        List<Workload.Job> jobs = workload.tasks(n, "2026-09-15");
        // Clue targets: Taiyuan units no other step gave a task (the load run took most of the province's first units).
        List<String> cluePermits = c.unitsWithoutTask(Campaign.CITY, n);
        List<String> recordIds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> submissions = new ArrayList<>();
            List<Future<String>> clues = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Workload.Job job = jobs.get(i);
                String permit = cluePermits.get(i);
                if (i == n / 3) {
                    c.platform.kill("kafka");
                }
                submissions.add(pool.submit(() -> submitUntilAnswered(job, "kafka-drill-")));
                clues.add(pool.submit(() -> {
                    String clueId = c.clue(permit, c.province(), Campaign.CITY, "Kafka 演练线索");
                    c.acceptClue(clueId, c.city());
                    return clueId;
                }));
            }
            for (Future<String> f : submissions) {
                recordIds.add(f.get());
            }
            for (Future<String> f : clues) {
                f.get();
            }
        } catch (Exception e) {
            throw new AssertionError("burst failed", e);
        } finally {
            pool.shutdownNow();
        }
        assertThat(c.db.count("liaison", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL"))
                .as("liaison events waiting for the broker")
                .isPositive();
        c.platform.restart("kafka");
        Eventually.await(
                "every clue became exactly one CLUE task",
                Duration.ofSeconds(120),
                () -> c.db.count(
                                "inspection",
                                "SELECT count(*) FROM inspection_task WHERE origin = 'CLUE' AND permit_number = ANY(?)",
                                (Object) cluePermits.toArray(String[]::new))
                        == n);
        Eventually.await(
                "both outboxes drained",
                Duration.ofSeconds(120),
                () -> c.db.count("liaison", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0
                        && c.db.count("inspection", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL")
                                == 0);
        assertThat(c.db.rows(
                        "inspection",
                        "SELECT permit_number, count(*) FROM inspection_task WHERE origin = 'CLUE' "
                                + "AND permit_number = ANY(?) GROUP BY 1 HAVING count(*) <> 1",
                        (Object) cluePermits.toArray(String[]::new)))
                .as("permits with other than one CLUE task")
                .isEmpty();
        c.assertOneRecordPerTask(jobs.stream().map(Workload.Job::taskId).toList());
        assertThat(c.db.count("inspection", "SELECT count(*) FROM outbox_event WHERE message_key = ANY(?)", (Object)
                        recordIds.toArray(String[]::new)))
                .as("one submission event per record")
                .isEqualTo(n);
    }

    /**
     * (c) inspection-service is SIGKILLed in the middle of a burst of submissions and restarted; the clients retry
     * with the same Idempotency-Key until answered: exactly one record each, no key claimed without its record.
     */
    void serviceKilledMidWrite() {
        int n = SystemTestSettings.DRILL_BURST;
        List<Workload.Job> jobs = workload.tasks(n, "2026-08-15");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> submissions = new ArrayList<>();
            Future<?> restart = null;
            for (int i = 0; i < n; i++) {
                Workload.Job job = jobs.get(i);
                submissions.add(pool.submit(() -> submitUntilAnswered(job, "kill-drill-")));
                if (i == n / 2) {
                    c.platform.kill("inspection-service");
                    // Its own thread: the pool's workers are all busy retrying until the service is back.
                    restart = java.util.concurrent.CompletableFuture.runAsync(
                            () -> c.platform.restart("inspection-service"), Executors.newSingleThreadExecutor());
                }
            }
            for (Future<String> f : submissions) {
                f.get();
            }
            restart.get();
        } catch (Exception e) {
            throw new AssertionError("burst failed", e);
        } finally {
            pool.shutdownNow();
        }
        c.assertOneRecordPerTask(jobs.stream().map(Workload.Job::taskId).toList());
        assertThat(c.db.count("inspection", "SELECT count(*) FROM inspection_idempotency_key WHERE record_id IS NULL"))
                .as("claimed keys without a record (half-written)")
                .isZero();
    }

    /** (d) PostgreSQL is restarted under the running services: they become ready again and a write succeeds, once. */
    void postgresRestarted() {
        List<Workload.Job> jobs = workload.tasks(3, "2026-07-15");
        c.platform.restart("postgres");
        for (String port :
                List.of("PERMIT_SYNC_PORT", "INSPECTION_PORT", "LIAISON_PORT", "REPORTING_PORT", "MONITORING_PORT")) {
            Api direct = new Api(c.platform.serviceUrl(port));
            Eventually.await(
                    port + " ready after the PostgreSQL restart",
                    Duration.ofSeconds(90),
                    () -> direct.get("/readyz", null).status() == 200);
        }
        for (Workload.Job job : jobs) {
            submitUntilAnswered(job, "pg-drill-");
            submitUntilAnswered(job, "pg-drill-");
        }
        c.assertOneRecordPerTask(jobs.stream().map(Workload.Job::taskId).toList());
    }

    /**
     * (e) inspection-service replays the directory changelog from its start (the rebuild endpoint is not routed by
     * the gateway, so it is called on the service): the projection afterwards is identical, row for row.
     */
    void projectionReplay() {
        String rows = "SELECT permit_number, version || '/' || md5(snapshot::text) FROM directory_unit";
        // The campaign's enforcement flows back into the directory (permit-sync feeds the violation history back and
        // re-publishes a re-classified entry, ADR 0060), so the projection may still be catching up with
        // those snapshots: take "before" only once the outboxes are drained and it has stopped changing.
        Eventually.await(
                "permit-sync and inspection-service outboxes drained",
                Duration.ofSeconds(120),
                () -> c.db.count("permit_sync", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL") == 0
                        && c.db.count("inspection", "SELECT count(*) FROM outbox_event WHERE published_at IS NULL")
                                == 0);
        Map<String, String> before = Eventually.settled(
                "the projection before the replay",
                Duration.ofSeconds(120),
                Duration.ofSeconds(5),
                () -> projection(rows));
        long processed = c.db.count(
                "inspection",
                "SELECT count(*) FROM processed_event WHERE consumer = 'inspection.directory-projection'");
        Api direct = new Api(c.platform.serviceUrl("INSPECTION_PORT"));
        Api.Reply reply = direct.post("/api/v1/directory-projection/rebuild", c.province(), null);
        assertThat(reply.status()).as("rebuild: %s", reply).isEqualTo(202);
        Eventually.await(
                "the replay re-applied every event",
                Duration.ofSeconds(120),
                () -> c.db.count("inspection", "SELECT count(*) FROM directory_unit WHERE version IS NULL") == 0
                        && c.db.count(
                                        "inspection",
                                        "SELECT count(*) FROM processed_event "
                                                + "WHERE consumer = 'inspection.directory-projection'")
                                >= processed);
        // Events of one key arrive oldest first: compare once the projection has stopped changing.
        Map<String, String> after = Eventually.settled(
                "the projection after the replay",
                Duration.ofSeconds(120),
                Duration.ofSeconds(3),
                () -> projection(rows));
        // Map equality: a failure lists the permits whose version or snapshot differ.
        assertThat(after)
                .as("projection (permit → version/md5 of snapshot) after the replay")
                .isEqualTo(before);
    }

    private Map<String, String> projection(String sql) {
        Map<String, String> out = new java.util.TreeMap<>();
        c.db.rows("inspection", sql).forEach(r -> out.put(r.get(0), r.get(1)));
        return out;
    }

    /** A mobile client that retries (same key) through 5xx answers and dropped connections until it gets a 2xx. */
    private String submitUntilAnswered(Workload.Job job, String keyPrefix) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            try {
                Api.Reply reply = c.gateway.send(
                        "POST",
                        "/api/v1/inspections",
                        job.phoneToken(),
                        c.recordBody(job.taskId(), job.permit(), false, job.checklistItemId()),
                        Map.of("Idempotency-Key", keyPrefix + job.taskId()),
                        Duration.ofSeconds(20));
                if (reply.status() == 200 || reply.status() == 201) {
                    return reply.json().get("id").asString();
                }
                assertThat(reply.status())
                        .as("submission of %s: %s", job.taskId(), reply)
                        .isGreaterThanOrEqualTo(500);
                last = reply.toString();
            } catch (Api.TransportFailure e) {
                last = e.getMessage();
            }
            Api.sleep(1000);
        }
        throw new AssertionError("submission of " + job.taskId() + " never answered 2xx; last: " + last);
    }
}
