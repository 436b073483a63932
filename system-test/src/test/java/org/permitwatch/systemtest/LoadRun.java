package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 200 mobile submissions at once through the gateway, each retried (a second copy for every one, a concurrent
 * third for one in three): no duplicate record, and the latency of every request written to
 * {@code target/load-report.txt}.
 */
final class LoadRun {

    private final Campaign c;
    private final Workload workload;

    /** How long a phone keeps retrying a shed submission. */
    private static final Duration RETRY_FOR = Duration.ofMinutes(3);

    /** 2xx: the record (new or replayed). */
    private static boolean accepted(Api.Reply r) {
        return r.status() == 200 || r.status() == 201;
    }

    /**
     * The gateway shedding load: 503 problem+json when the service did not answer in time. Under 200 concurrent
     * submissions on 2 cores some requests exceed the gateway's time limit; that is an honest answer the phone
     * retries (same Idempotency-Key), so it counts as shed, not as an error — as long as the retry then lands
     * exactly once. Any other non-2xx, or a 503 without a problem body, is an error.
     */
    private static boolean shed(Api.Reply r) {
        return r.status() == 503 && r.isProblem();
    }

    LoadRun(Campaign campaign, Workload workload) {
        this.c = campaign;
        this.workload = workload;
    }

    void run(Path report) {
        int burst = SystemTestSettings.LOAD_SUBMISSIONS;
        // A platform that has served traffic before (JIT-compiled, pools and caches filled), as in production: bursts
        // of the same kind first, checked the same way, neither timed nor charged. Bursts no larger than the measured
        // one, so a long warm-up (C2 needs about a minute of load, ADR 0064) is the same load repeated, not a bigger
        // one.
        for (int left = SystemTestSettings.LOAD_WARMUP; left > 0; left -= burst) {
            round(workload.tasks(Math.min(left, burst), "2026-10-14"), null);
        }
        try {
            Files.deleteIfExists(report);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (int measured = 0; measured < SystemTestSettings.LOAD_BURSTS; measured++) {
            round(workload.tasks(burst, "2026-10-15"), report);
        }
    }

    /**
     * One burst of the jobs' submissions; timed and charged into {@code report} (appended) unless it is null (a
     * warm-up).
     */
    private void round(List<Workload.Job> jobs, Path report) {
        int n = jobs.size();
        FlakyMobileClient mobile = new FlakyMobileClient(c.gateway, c.platform.port("GATEWAY_PORT"));
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> untilAccepted = new ConcurrentLinkedQueue<>();
        AtomicInteger shedAnswers = new AtomicInteger();
        AtomicInteger rateLimited = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CpuWindow cpu = report == null ? null : new CpuWindow(new PartCpu(c.platform.local), report.getParent());
        if (cpu != null) {
            cpu.beforeLoad();
        }
        ExecutorService pool = Executors.newFixedThreadPool(n + n / 3 + 1);
        List<Future<?>> futures = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < n; i++) {
                Workload.Job job = jobs.get(i);
                boolean concurrentCopy = i % 3 == 0;
                futures.add(pool.submit(() -> {
                    await(start);
                    long jobStart = System.nanoTime();
                    String key = "load-" + job.taskId();
                    var body = c.recordBody(job.taskId(), job.permit(), false, job.checklistItemId());
                    Future<Sent> copy = concurrentCopy
                            ? pool.submit(() -> Sent.of(mobile.send(job.phoneToken(), key, body)))
                            : null;
                    List<Sent> replies = new ArrayList<>();
                    replies.add(Sent.of(mobile.send(job.phoneToken(), key, body)));
                    Api.sleep(ThreadLocalRandom.current().nextInt(0, 200));
                    replies.add(Sent.of(mobile.send(job.phoneToken(), key, body)));
                    if (copy != null) {
                        replies.add(copy.get());
                    }
                    // A phone whose copies were all shed keeps retrying with the same key until it gets an answer.
                    long deadline = System.nanoTime() + RETRY_FOR.toNanos();
                    while (replies.stream().noneMatch(s -> accepted(s.reply())) && System.nanoTime() < deadline) {
                        Api.sleep(1000);
                        replies.add(Sent.of(mobile.send(job.phoneToken(), key, body)));
                    }
                    String id = null;
                    long firstAccepted = Long.MAX_VALUE;
                    for (Sent sent : replies) {
                        Api.Reply r = sent.reply();
                        latencies.add(r.millis());
                        rateLimited.addAndGet(r.rateLimited());
                        if (accepted(r)) {
                            firstAccepted = Math.min(firstAccepted, sent.answeredNanos());
                            if (id == null) {
                                id = r.json().get("id").asString();
                            } else if (!id.equals(r.json().get("id").asString())) {
                                errors.add(job.taskId() + ": two records " + id + " and "
                                        + r.json().get("id"));
                            }
                        } else if (shed(r)) {
                            shedAnswers.incrementAndGet();
                        } else {
                            errors.add(job.taskId() + ": " + r);
                        }
                    }
                    if (id != null) {
                        untilAccepted.add((firstAccepted - jobStart) / 1_000_000);
                    }
                    if (id == null) {
                        errors.add(job.taskId() + ": never accepted within " + RETRY_FOR);
                    }
                    return null;
                }));
            }
            started = System.nanoTime();
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            if (cpu != null) {
                cpu.requestsDone();
            }
        } catch (Exception e) {
            throw new AssertionError("load run failed", e);
        } finally {
            pool.shutdownNow();
        }
        long wallMillis = (System.nanoTime() - started) / 1_000_000;
        String cpuReport = cpu == null ? "" : cpu.afterSettling(n, latencies.size());
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        List<Long> accepted = new ArrayList<>(untilAccepted);
        Collections.sort(accepted);
        String summary = String.format(
                "load run %s: %d submissions (%d requests incl. retries) through the gateway in "
                        + "%d ms; latency p50 %d ms, p95 %d ms, max %d ms; shed (503, retried): %d; rate limited "
                        + "(429, waited out, in the latency): %d; other non-2xx or diverging: %d%n"
                        + "a phone's wait from its first copy to its first accepted answer: p50 %d ms, p95 %d ms, "
                        + "max %d ms%n",
                Instant.now(),
                n,
                sorted.size(),
                wallMillis,
                percentile(sorted, 50),
                percentile(sorted, 95),
                sorted.get(sorted.size() - 1),
                shedAnswers.get(),
                rateLimited.get(),
                errors.size(),
                accepted.isEmpty() ? -1 : percentile(accepted, 50),
                accepted.isEmpty() ? -1 : percentile(accepted, 95),
                accepted.isEmpty() ? -1 : accepted.get(accepted.size() - 1));
        System.out.print("[system-test] " + (report == null ? "warm-up " : "") + summary + cpuReport);
        if (report != null) {
            try {
                // appended: each measured burst has its own paragraph (the JFR and profile windows are the last's)
                Files.writeString(
                        report,
                        summary + cpuReport + String.join("\n", errors) + "\n",
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(errors).as("failed or diverging submissions").isEmpty();
        c.assertOneRecordPerTask(jobs.stream().map(Workload.Job::taskId).toList());
        assertThat(c.db.count(
                        "inspection",
                        "SELECT count(*) FROM inspection_idempotency_key WHERE idempotency_key LIKE "
                                + "'load-%' AND record_id IS NULL"))
                .as("claimed keys without a record")
                .isZero();
    }

    /** One copy's answer and when it came (System.nanoTime()). */
    private record Sent(Api.Reply reply, long answeredNanos) {
        static Sent of(Api.Reply reply) {
            return new Sent(reply, System.nanoTime());
        }
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
