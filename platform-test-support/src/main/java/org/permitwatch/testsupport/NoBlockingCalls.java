package org.permitwatch.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * next one, with the thread's name in the message. A busy lock inside a library is logged instead (see {@link
 * #isLockBusyInsideALibrary}).
 *
 * <p>On for every test JVM of the build: the parent pom passes {@code -XX:+AllowRedefinitionToAddDeleteMethods}
 * (BlockHound redefines {@code java.lang.Thread} and friends, which JDK 13+ refuses without it) and
 * {@code -Dpermitwatch.noBlockingCalls=true}. Without that property (an IDE run without the flag) it does nothing.
 * Registered as a launcher session listener and, for the check, through JUnit's extension auto-detection, as
 * {@link HangDiagnostics}. Allowances, each with its reason, are in {@link NonBlockingAllowances}.
 */
public class NoBlockingCalls implements LauncherSessionListener, AfterEachCallback {

    static final String ENABLED_PROPERTY = "permitwatch.noBlockingCalls";

    private static final Logger LOG = LoggerFactory.getLogger(NoBlockingCalls.class);
    private static final String PARK = "jdk.internal.misc.Unsafe#park";
    private static final String OURS = "org.permitwatch.";

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
            Installer.install();
        }
    }

    /**
     * Apart from the listener, so a JVM with the check off never loads BlockHound's classes: system-test takes this
     * module without its dependencies.
     */
    private static final class Installer {

        static void install() {
            // loadIntegrations: ours and every one on the class path (Reactor's, Netty's, logging's)
            BlockHound.builder()
                    .loadIntegrations(new NonBlockingAllowances())
                    .blockingMethodCallback(method ->
                            record(method.toString(), Thread.currentThread().getStackTrace()))
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

    /** Package-private for the check's own test. */
    static void record(String method, StackTraceElement[] stack) {
        String call = describe(method, stack);
        if (isLockBusyInsideALibrary(method, stack)) {
            LOG.warn("A lock inside a library was busy on a non-blocking thread (logged, not failed):\n{}", call);
        } else {
            VIOLATIONS.add(call);
        }
    }

    /**
     * Whether the call is a wait for a busy {@code java.util.concurrent} lock ({@code Unsafe#park}) that a library
     * took, not our code: the first frame outside the JDK belongs to someone else. Such a wait happens only when two
     * threads meet at that lock, so it shows in some runs and not in others; failing on it would make tests flaky over
     * a lock we cannot change. It is logged with its stack, and the ones seen are named in {@link
     * NonBlockingAllowances}. A lock our own code takes fails the test, and so does every other blocking call (a file
     * or socket read, a sleep, a wait), which happens on every run of the path that makes it.
     */
    static boolean isLockBusyInsideALibrary(String method, StackTraceElement[] stack) {
        if (!PARK.equals(method)) {
            return false;
        }
        for (StackTraceElement frame : stack) {
            String owner = frame.getClassName();
            if (!isJdkOrCheck(owner)) {
                return !owner.startsWith(OURS);
            }
        }
        return false;
    }

    private static boolean isJdkOrCheck(String owner) {
        return owner.startsWith("java.")
                || owner.startsWith("jdk.")
                || owner.startsWith("sun.")
                || owner.startsWith("reactor.blockhound.")
                || owner.equals(NoBlockingCalls.class.getName())
                || owner.startsWith(NoBlockingCalls.class.getName() + "$");
    }

    private static String describe(String method, StackTraceElement[] stack) {
        StringBuilder s = new StringBuilder("  ")
                .append(method)
                .append(" on thread \"")
                .append(Thread.currentThread().getName())
                .append("\"\n");
        for (StackTraceElement frame : stack) {
            s.append("\tat ").append(frame).append('\n');
        }
        return s.toString();
    }
}
