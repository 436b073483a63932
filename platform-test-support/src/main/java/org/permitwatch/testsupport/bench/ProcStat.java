package org.permitwatch.testsupport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process or a thread as Linux's {@code /proc/PID/stat} (proc(5)) counts it, for the benchmarks and the
 * system test's load run: CPU per request is the figure they compare, because it holds on a shared machine where
 * latency does not. Plain JDK code, so {@code bench/gateway-benchmark.sh} compiles it with javac, as {@link JfrWindow}.
 * Times are in ticks of 1/100 s (USER_HZ, 100 on every Linux the JVM runs on here).
 */
public final class ProcStat {

    /** Milliseconds per tick. */
    public static final double MILLIS_PER_TICK = 10.0;

    private ProcStat() {}

    /**
     * The fields of a stat file after the command name, which is in parentheses and may itself hold spaces and
     * parentheses: proc(5)'s field 3 (state) is index 0, so field N is index N - 3.
     */
    public static String[] fields(Path stat) throws IOException {
        String text = Files.readString(stat);
        return text.substring(text.lastIndexOf(')') + 2).split(" ");
    }

    /** utime + stime (fields 14 and 15) of a process's or a thread's stat file; 0 once it has ended. */
    public static long cpuTicks(Path stat) {
        try {
            String[] f = fields(stat);
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** utime + stime of one process, all its threads; 0 once it has ended. */
    public static long cpuTicks(long pid) {
        return cpuTicks(stat(pid));
    }

    /**
     * cutime + cstime (fields 16 and 17): what the process's children spent, counted once each was waited for (a
     * client such as wrk, run and reaped by the benchmark); 0 once it has ended.
     */
    public static long reapedChildTicks(long pid) {
        try {
            String[] f = fields(stat(pid));
            return Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** The parent's pid (field 4), or -1 once the process has ended. */
    public static long parent(long pid) {
        try {
            return Long.parseLong(fields(stat(pid))[1]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    private static Path stat(long pid) {
        return Path.of("/proc", Long.toString(pid), "stat");
    }
}
