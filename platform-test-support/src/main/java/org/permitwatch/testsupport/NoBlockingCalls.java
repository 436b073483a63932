package org.permitwatch.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.blockhound.BlockHound;

/**
 * Fails a test when anything in its JVM made a blocking call (a socket or file read, a sleep, a lock wait, a
 * {@code block()}) on a thread that must never block: Reactor's parallel threads, Netty's and reactor-netty's event
 * loops (the HTTP server's, the WebClient's, R2DBC's connections'). One such call stalls every request that loop
 * serves, and nothing else in a test shows it; under load it is the whole platform's latency.
 *
 * <p>BlockHound instruments the JDK's blocking methods once per JVM, when its launcher opens. A call on a
 * non-blocking thread is recorded, not thrown, so the code under test runs as in production and the test names the
 * call and its stack. The check runs after every test: a call made by a background consumer between tests fails the
 * next one, with the thread's name in the message.
 *
 * <p>On for every test JVM of the build: the parent pom passes {@code -XX:+AllowRedefinitionToAddDeleteMethods}
 * (BlockHound redefines {@code java.lang.Thread} and friends, which JDK 13+ refuses without it) and
 * {@code -Dpermitwatch.noBlockingCalls=true}. Without that property (an IDE run without the flag) it does nothing.
 * Registered as a launcher session listener and, for the check, through JUnit's extension auto-detection, as
 * {@link HangDiagnostics}. Allowances, each with its reason, are in {@link NonBlockingAllowances}.
 */
public class NoBlockingCalls implements LauncherSessionListener, AfterEachCallback {

    static final String ENABLED_PROPERTY = "permitwatch.noBlockingCalls";

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final ConcurrentLinkedQueue<String> VIOLATIONS = new ConcurrentLinkedQueue<>();

    /**
     * Installed when the test JVM's launcher opens, before any test class is loaded: a thread started earlier (a
     * scheduler a class's static initialiser touched) would keep running the JDK's methods as they were before
     * BlockHound instrumented them, and its waits would lack the allowances Reactor's integration gives them.
     */
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (Boolean.getBoolean(ENABLED_PROPERTY) && INSTALLED.compareAndSet(false, true)) {
            // loadIntegrations: ours and every one on the class path (Reactor's, Netty's, logging's)
            BlockHound.builder()
                    .loadIntegrations(new NonBlockingAllowances())
                    .blockingMethodCallback(method -> VIOLATIONS.add(describe(method.toString())))
                    .install();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> found = drain();
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " blocking call(s) on a non-blocking thread during or before "
                    + context.getDisplayName() + ":\n" + String.join("\n", found));
        }
    }

    /** What was recorded since the last call; package-private for the check's own test. */
    static List<String> drain() {
        List<String> found = new ArrayList<>();
        for (String v; (v = VIOLATIONS.poll()) != null; ) {
            found.add(v);
        }
        return found;
    }

    private static String describe(String method) {
        StringBuilder s = new StringBuilder("  ")
                .append(method)
                .append(" on thread \"")
                .append(Thread.currentThread().getName())
                .append("\"\n");
        for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            s.append("\tat ").append(frame).append('\n');
        }
        return s.toString();
    }
}
