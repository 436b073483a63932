package org.permitwatch.testsupport.bench;

import java.nio.file.Path;

/**
 * async-profiler's CPU samples of one JVM during a measured window, as folded stacks: every thread, Java, native,
 * JVM (GC, JIT compiler) and kernel frames, which JFR's execution samples leave out (they see only threads running
 * Java code). For the benchmarks' {@code --profile}; {@code bench/jfr-top.py} reads the folded file too.
 *
 * <p>The JVM loads the library at its start ({@code -agentpath:LIB} with no options: it then waits). {@link #open} and
 * {@link #close} send it {@code start} and {@code stop} through {@code jcmd JVMTI.agent_load}, as async-profiler's own
 * {@code asprof} does through the attach API, so nothing new is attached to a warm JVM in the middle of a run. Plain JDK
 * code, as {@link JfrWindow}.
 */
public final class AsyncProfilerWindow {

    /** Sampling interval of the CPU event: 1 ms of CPU time per sample, per thread. */
    private static final String INTERVAL = "1ms";

    private final String label;
    private final long pid;
    private final Path library;

    private AsyncProfilerWindow(String label, long pid, Path library) {
        this.label = label;
        this.pid = pid;
        this.library = library;
    }

    /**
     * Starts sampling now on the JVM {@code pid} ({@code label} names it in warnings), which loaded {@code library}
     * at its start; null when the command failed (the warning says why).
     */
    public static AsyncProfilerWindow open(String label, long pid, Path library) {
        AsyncProfilerWindow window = new AsyncProfilerWindow(label, pid, library);
        return window.command("start,event=cpu,interval=" + INTERVAL + ",threads") ? window : null;
    }

    /** Stops sampling now and writes the window's folded stacks, one thread name as each stack's root, to file. */
    public void close(Path file) {
        command("stop,file=" + file.toAbsolutePath() + ",collapsed");
    }

    /**
     * Sends async-profiler one command. jcmd splits an unquoted option at its commas, so it goes in double quotes;
     * jcmd prints the library's return code, 0 on success.
     */
    private boolean command(String options) {
        String output = Jcmd.run(
                "async-profiler",
                label,
                pid,
                "JVMTI.agent_load",
                library.toAbsolutePath().toString(),
                '"' + options + '"');
        if (output.contains("return code: 0")) {
            return true;
        }
        System.err.println("[async-profiler] " + label + ": " + options + ": " + output.strip());
        return false;
    }
}
