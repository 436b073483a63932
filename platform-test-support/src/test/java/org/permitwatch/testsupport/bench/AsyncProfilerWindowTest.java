package org.permitwatch.testsupport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks' async-profiler window against a real JVM that loaded the library at its start, as the platform's
 * parts do under {@code bench/submission-benchmark.sh --profile}. The library comes from Maven Central's jar (test
 * scope), as {@code bench/async-profiler.sh} takes it.
 */
class AsyncProfilerWindowTest {

    /** A JVM that keeps one thread busy in a method of its own until it is killed. */
    public static final class Busy {
        public static void main(String[] args) {
            long sum = 0;
            while (sum != -1) {
                sum += spin();
            }
        }

        static long spin() {
            long h = 0;
            for (int i = 0; i < 10_000; i++) {
                h = 31 * h + Integer.toString(i).hashCode();
            }
            return h;
        }
    }

    @Test
    void samplesOnlyTheWindowAsFoldedStacksOfNamedThreads(@TempDir Path dir) throws Exception {
        Path library = library(dir);
        Process jvm = busyJvm(List.of("-agentpath:" + library));
        try {
            Thread.sleep(1500);
            AsyncProfilerWindow window = AsyncProfilerWindow.open("busy", jvm.pid(), library);
            assertThat(window).as("started").isNotNull();
            Thread.sleep(1000);
            Path folded = dir.resolve("busy.collapsed");
            window.close(folded);

            List<String> lines = Files.readAllLines(folded);
            // "[main tid=N];…;AsyncProfilerWindowTest$Busy.spin;… COUNT": one thread name as the root of each stack.
            long busySamples = lines.stream()
                    .filter(l -> l.startsWith("[main tid=") && l.contains("AsyncProfilerWindowTest$Busy.spin"))
                    .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
            // One busy thread for about a second at 1 ms of CPU per sample: hundreds, not a handful.
            assertThat(busySamples).isGreaterThan(200);
        } finally {
            jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLibraryThatCannotBeLoadedOpensNoWindow(@TempDir Path dir) throws Exception {
        Process jvm = busyJvm(List.of());
        try {
            Thread.sleep(1000);
            assertThat(AsyncProfilerWindow.open("busy", jvm.pid(), dir.resolve("no-such-library.so")))
                    .isNull();
        } finally {
            jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The native library from async-profiler's linux-x64 jar on the test class path. */
    private static Path library(Path dir) throws Exception {
        Path library = dir.resolve("libasyncProfiler.so");
        try (InputStream in = AsyncProfilerWindowTest.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
            assertThat(in)
                    .as("async-profiler's linux-x64 jar on the test class path")
                    .isNotNull();
            Files.copy(in, library);
        }
        return library;
    }

    private static Process busyJvm(List<String> flags) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx32m"));
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Busy.class.getName()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
