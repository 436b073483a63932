package org.permitwatch.systemtest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.permitwatch.testsupport.bench.AsyncProfilerWindow;
import org.permitwatch.testsupport.bench.JfrWindow;

/**
 * What the load run cost each part of the platform in CPU: read from /proc before the load (after a few idle seconds
 * that give each part's background rate: schedulers, the HJ 212 simulator, heart beats), when the last request was
 * answered, and once the platform has settled (the outbox relay and the consumers finish the events after the
 * answers). The report gives CPU ms per request and per submission, the tail included and the idle rate taken off.
 *
 * <p>{@code -Dsystemtest.jfrParts="gateway inspection-service"} also writes those parts' JFR samples from the first
 * request until the platform settled into {@code load-PART.jfr} next to the report, each with its window's times in
 * {@code load-PART.jfr.window} (bench/submission-benchmark.sh prints where they went). The benchmark starts every part
 * with a recording named {@code load}, from which {@link JfrWindow} dumps the window.
 *
 * <p>{@code -Dsystemtest.profileParts="gateway inspection-service"} with {@code -Dsystemtest.asyncProfiler=LIB} does
 * the same with async-profiler ({@link AsyncProfilerWindow}): those parts' CPU samples of every thread, native, GC, JIT
 * and kernel frames included, as folded stacks in {@code load-PART.collapsed}. The parts must have loaded LIB at their
 * start (bench/submission-benchmark.sh --profile).
 */
final class CpuWindow {

    private static final long IDLE_MILLIS = Long.getLong("systemtest.cpuIdleMillis", 5000);
    private static final long SETTLE_LIMIT_MILLIS = 30_000;

    private final PartCpu cpu;
    private final Path dir;
    private final List<String> jfrParts;
    private Map<String, Long> idleStart;
    private Map<String, Long> loadStart;
    private Map<String, Long> requestsEnd;
    private long idleNanos;
    private long loadStartNanos;
    private long requestsEndNanos;
    private final Map<String, JfrWindow> jfrWindows = new LinkedHashMap<>();
    private final List<String> profileParts;
    private final Map<String, AsyncProfilerWindow> profileWindows = new LinkedHashMap<>();

    CpuWindow(PartCpu cpu, Path dir) {
        this.cpu = cpu;
        this.dir = dir;
        this.jfrParts = parts("systemtest.jfrParts");
        this.profileParts = parts("systemtest.profileParts");
    }

    private static List<String> parts(String property) {
        String parts = System.getProperty(property, "").trim();
        return parts.isEmpty() ? List.of() : List.of(parts.split("[\\s,]+"));
    }

    void beforeLoad() {
        idleStart = cpu.ticks();
        long t0 = System.nanoTime();
        Api.sleep(IDLE_MILLIS);
        loadStart = cpu.ticks();
        loadStartNanos = System.nanoTime();
        idleNanos = loadStartNanos - t0;
        for (String part : jfrParts) {
            cpu.pid(part).ifPresent(pid -> jfrWindows.put(part, JfrWindow.open(part, pid, "load")));
        }
        Path library = Path.of(System.getProperty("systemtest.asyncProfiler", ""));
        for (String part : profileParts) {
            cpu.pid(part)
                    .map(pid -> AsyncProfilerWindow.open(part, pid, library))
                    .ifPresent(window -> profileWindows.put(part, window));
        }
    }

    void requestsDone() {
        requestsEnd = cpu.ticks();
        requestsEndNanos = System.nanoTime();
    }

    /** Waits until the platform is back at its idle rate (at most 30 s), stops JFR, and returns the report lines. */
    String afterSettling(int submissions, int requests) {
        if (requestsEnd == null) {
            return "";
        }
        Map<String, Double> idle = PartCpu.millis(idleStart, loadStart);
        double idlePerSecond = sum(idle) / (idleNanos / 1e9);
        Map<String, Long> previous = requestsEnd;
        Map<String, Long> now = requestsEnd;
        long settledNanos = requestsEndNanos;
        long limit = requestsEndNanos + TimeUnit.MILLISECONDS.toNanos(SETTLE_LIMIT_MILLIS);
        while (System.nanoTime() < limit) {
            Api.sleep(1000);
            now = cpu.ticks();
            settledNanos = System.nanoTime();
            // Settled: a second that cost no more than twice the idle rate plus one tick per part.
            if (sum(PartCpu.millis(previous, now)) <= 2 * idlePerSecond + 10 * now.size()) {
                break;
            }
            previous = now;
        }
        jfrWindows.forEach((part, window) -> window.close(dir.resolve("load-" + part + ".jfr")));
        profileWindows.forEach((part, window) -> window.close(dir.resolve("load-" + part + ".collapsed")));
        double requestSeconds = (requestsEndNanos - loadStartNanos) / 1e9;
        double windowSeconds = (settledNanos - loadStartNanos) / 1e9;
        Map<String, Double> during = PartCpu.millis(loadStart, requestsEnd);
        Map<String, Double> whole = PartCpu.millis(loadStart, now);
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "CPU ms per request (%d requests; user + system from /proc; requests took %.1f s, settled %.1f s "
                        + "after the first; idle rate off: %.0f ms/s in all, %s):%n",
                requests, requestSeconds, windowSeconds, idlePerSecond, format(idle, idleNanos / 1e9, 0)));
        out.append(String.format(
                "  during the requests:  %s%n", format(net(during, idle, requestSeconds, idleNanos), requests, 2)));
        Map<String, Double> wholeNet = net(whole, idle, windowSeconds, idleNanos);
        out.append(String.format("  until settled:        %s%n", format(wholeNet, requests, 2)));
        out.append(String.format(
                "CPU ms per submission (%d), until settled: %s%n", submissions, format(wholeNet, submissions, 1)));
        // The idle rate is read in the 5 s before the load: a part still busy then with the steps before (Kafka after
        // a draw's events) reads high, and its net figure low, so the gross figure is printed as well.
        out.append(String.format(
                "CPU ms per submission (%d), until settled, idle rate not taken off: %s%n",
                submissions, format(whole, submissions, 1)));
        return out.toString();
    }

    /** CPU less what the part spends idle in as long a time. */
    private static Map<String, Double> net(
            Map<String, Double> measured, Map<String, Double> idle, double seconds, long idleNanos) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        measured.forEach((part, ms) ->
                out.put(part, Math.max(0, ms - idle.getOrDefault(part, 0.0) * seconds / (idleNanos / 1e9))));
        return out;
    }

    private static String format(Map<String, Double> millis, double per, int decimals) {
        StringBuilder s = new StringBuilder();
        millis.forEach((part, ms) -> {
            if (!PartCpu.apart(part)) {
                s.append(String.format("%s %." + decimals + "f  ", part, ms / per));
            }
        });
        s.append(String.format("| all %." + decimals + "f", sum(millis) / per));
        if (millis.containsKey(PartCpu.JIT)) {
            s.append(String.format(
                    ", of which the JVMs' JIT compiler threads %." + decimals + "f", millis.get(PartCpu.JIT) / per));
        }
        if (millis.containsKey(PartCpu.CLIENT)) {
            s.append(String.format(
                    "  (the test's own client JVM, not in all: %." + decimals + "f)",
                    millis.get(PartCpu.CLIENT) / per));
        }
        return s.toString();
    }

    /** The platform's parts; the test's client is reported apart. */
    private static double sum(Map<String, Double> millis) {
        return millis.entrySet().stream()
                .filter(e -> !PartCpu.apart(e.getKey()))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }
}
