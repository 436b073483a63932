package org.permitwatch.testsupport.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The JFR samples one JVM took during a measured window, for the benchmarks and the system test's load run
 * (bench/submission-benchmark.sh, directory-benchmark.sh and gateway-benchmark.sh with {@code --jfr}).
 *
 * <p>The JVM should run a recording of the given name from its start ({@code
 * -XX:StartFlightRecording=name=NAME,settings=profile}, as the benchmarks start their servers): {@link #close} then
 * dumps only the window from it. A recording started at run time is the fallback, with a warning, because on JDK 17
 * the first one asks for class retransformation and HotSpot deoptimises every compiled method (JDK-8324241, fixed in
 * JDK 23): a warm C2 JVM recompiles during the very window it should measure (26.8 ms of JIT per request against 2.1
 * without JFR, and 690 answers shed, in one submission run of session 17).
 *
 * <p>A dump holds whole chunks, so samples from before the window too: the window's local times go beside the file
 * ({@code FILE.window}, "HH:MM:SS.sss HH:MM:SS.sss") for {@code bench/jfr-top.py --between}.
 */
public final class JfrWindow {

    private final String label;
    private final long pid;
    private final String recording;
    private final Instant begin;
    private final boolean startedHere;

    private JfrWindow(String label, long pid, String recording, Instant begin, boolean startedHere) {
        this.label = label;
        this.pid = pid;
        this.recording = recording;
        this.begin = begin;
        this.startedHere = startedHere;
    }

    /** Opens the window now on the JVM {@code pid} ({@code label} names it in warnings). */
    public static JfrWindow open(String label, long pid, String recording) {
        Instant begin = Instant.now();
        boolean startedHere = false;
        if (jcmd(label, pid, "JFR.check", "name=" + recording).contains("Could not find")) {
            System.err.println("[jfr] " + label + " has no JFR recording '" + recording + "' from its start; one "
                    + "started now deoptimises its compiled code first (JDK-8324241), so its figures are skewed");
            jcmd(label, pid, "JFR.start", "name=" + recording, "settings=profile");
            startedHere = true;
        }
        return new JfrWindow(label, pid, recording, begin, startedHere);
    }

    /** Closes the window now: its samples into {@code file}, its local times into {@code file.window}. */
    public void close(Path file) {
        String target = "filename=" + file.toAbsolutePath();
        Instant end = Instant.now();
        if (startedHere) {
            jcmd(label, pid, "JFR.stop", "name=" + recording, target);
        } else {
            jcmd(label, pid, "JFR.dump", "name=" + recording, "begin=" + begin, "end=" + end, target);
        }
        ZoneId zone = ZoneId.systemDefault();
        try {
            Files.writeString(
                    Path.of(file.toAbsolutePath() + ".window"),
                    LocalTime.ofInstant(begin, zone) + " " + LocalTime.ofInstant(end, zone) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jcmd(String label, long pid, String... command) {
        return Jcmd.run("jfr", label, pid, command);
    }
}
