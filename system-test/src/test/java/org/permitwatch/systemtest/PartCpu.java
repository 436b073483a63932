package org.permitwatch.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.permitwatch.testsupport.bench.ProcStat;

/**
 * CPU time (user + system, from {@code /proc}) of each part of the platform under test, so the load run can say what
 * a submission costs each JVM: unlike latency or req/s, CPU per request holds on a machine other runs share. A part
 * is the process in run.sh's pid file whose command line names it ({@code -Dpermitwatch.part=PART}, as
 * bench/gateway-benchmark.sh finds them); PostgreSQL also counts its server, which pg_ctl detached from the JVM: the
 * postmaster, its live backends and the backends that already exited (the postmaster's cutime/cstime).
 */
final class PartCpu {

    /** The parts on the submission's path and the ones that could be charged for it (consumers, the broker). */
    static final List<String> PARTS = List.of(
            "gateway",
            "inspection-service",
            "identity-service",
            "reporting-service",
            "liaison-service",
            "monitoring-service",
            "permit-sync",
            "kafka",
            "postgres");

    /**
     * This JVM, the test's client: it shares the machine's cores with the platform, so its CPU is reported beside the
     * platform's (never in the platform's sum).
     */
    static final String CLIENT = "test-client";

    /**
     * The JIT compiler threads of all the platform's JVMs (already inside each part's figure): how much of a cold
     * burst is compiling the code it runs rather than running it.
     */
    static final String JIT = "of which JIT";

    /** Reported beside the platform's parts, never summed with them. */
    static boolean apart(String part) {
        return CLIENT.equals(part) || JIT.equals(part);
    }

    private final Path local;

    PartCpu(Path local) {
        this.local = local;
    }

    /** Ticks per part now; a part not running is left out. */
    Map<String, Long> ticks() {
        Map<String, Long> out = new LinkedHashMap<>();
        long[] jit = {0};
        for (String part : PARTS) {
            pid(part).ifPresent(pid -> {
                long ticks = ProcStat.cpuTicks(pid);
                jit[0] += compilerTicks(pid);
                if ("postgres".equals(part)) {
                    ticks += postmaster().map(pm -> treeTicks(pm, true)).orElse(0L);
                }
                out.put(part, ticks);
            });
        }
        out.put(JIT, jit[0]);
        out.put(CLIENT, ProcStat.cpuTicks(ProcessHandle.current().pid()));
        return out;
    }

    /** Milliseconds of CPU per part between two {@link #ticks()} readings. */
    static Map<String, Double> millis(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((part, t) -> {
            Long b = before.get(part);
            if (b != null) {
                out.put(part, (t - b) * ProcStat.MILLIS_PER_TICK);
            }
        });
        return out;
    }

    Optional<Long> pid(String part) {
        try {
            long pid = Long.parseLong(Files.readString(local.resolve("run").resolve(part + ".pid"))
                    .strip());
            String cmdline = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"))
                    .replace('\0', ' ');
            return cmdline.contains("-Dpermitwatch.part=" + part + " ") ? Optional.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Optional<Long> postmaster() {
        try {
            long pm = Long.parseLong(Files.readAllLines(local.resolve("data/postgres/postmaster.pid"))
                    .get(0)
                    .strip());
            return Files.readString(Path.of("/proc", String.valueOf(pm), "comm"))
                            .contains("postgres")
                    ? Optional.of(pm)
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The process's and its live descendants' ticks (with the reaped children's for the root if asked). */
    private static long treeTicks(long pid, boolean withReaped) {
        long total = ProcStat.cpuTicks(pid) + (withReaped ? ProcStat.reapedChildTicks(pid) : 0);
        for (long child : children(pid)) {
            total += treeTicks(child, false);
        }
        return total;
    }

    private static List<Long> children(long pid) {
        List<Long> out = new ArrayList<>();
        Path task = Path.of("/proc", String.valueOf(pid), "task");
        try (var threads = Files.list(task)) {
            for (Path t : threads.toList()) {
                try {
                    for (String c :
                            Files.readString(t.resolve("children")).trim().split("\\s+")) {
                        if (!c.isEmpty()) {
                            out.add(Long.parseLong(c));
                        }
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // the process ended meanwhile
        }
        return out;
    }

    /** The ticks of a JVM's JIT compiler threads (named "C1 CompilerThre…"/"C2 CompilerThre…" by HotSpot). */
    private static long compilerTicks(long pid) {
        long total = 0;
        try (var threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path t : threads.toList()) {
                try {
                    if (Files.readString(t.resolve("comm")).contains("CompilerThre")) {
                        total += ProcStat.cpuTicks(t.resolve("stat"));
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // the process ended meanwhile
        }
        return total;
    }
}
