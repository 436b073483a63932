package org.permitwatch.testsupport.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the JDK's {@code jcmd} against a JVM for the benchmarks' windows ({@link JfrWindow}, {@link AsyncProfilerWindow}). */
final class Jcmd {

    private Jcmd() {}

    /**
     * jcmd's output for {@code command} sent to the JVM {@code pid}; empty when it could not run, with a warning tagged
     * {@code tag} that names {@code label}.
     */
    static String run(String tag, String label, long pid, String... command) {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                System.err.println("[" + tag + "] jcmd " + String.join(" ", command) + " did not end for " + label);
            }
            return output;
        } catch (IOException e) {
            System.err.println("[" + tag + "] jcmd failed for " + label + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }
}
