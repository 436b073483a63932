package org.permitwatch.testsupport;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test fails because a blocking read timed out (a WebTestClient request or a {@code Mono.block(timeout)}
 * that never got an answer), prints every thread's stack to stderr before rethrowing. A timeout alone says nothing
 * about where the request got stuck; the dump shows whether an event loop was blocked, a pool was exhausted or the
 * request never left the client. Registered for every test through JUnit's extension auto-detection
 * ({@code junit.jupiter.extensions.autodetection.enabled=true} in the parent pom's surefire/failsafe settings).
 */
public class HangDiagnostics implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (isBlockingTimeout(failure)) {
            StringBuilder dump = new StringBuilder("=== HangDiagnostics: thread dump after a blocking timeout in ")
                    .append(context.getDisplayName())
                    .append(" ===\n");
            for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                dump.append(format(info));
            }
            System.err.println(dump);
        }
        throw failure;
    }

    private static boolean isBlockingTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("Timeout on blocking read")) {
                return true;
            }
        }
        return false;
    }

    /** ThreadInfo.toString() cuts stacks at 8 frames; the frames below are the ones that matter here. */
    private static String format(ThreadInfo info) {
        StringBuilder s = new StringBuilder("\"")
                .append(info.getThreadName())
                .append("\" ")
                .append(info.getThreadState());
        if (info.getLockName() != null) {
            s.append(" on ").append(info.getLockName());
        }
        if (info.getLockOwnerName() != null) {
            s.append(" owned by \"").append(info.getLockOwnerName()).append('"');
        }
        s.append('\n');
        for (StackTraceElement frame : info.getStackTrace()) {
            s.append("\tat ").append(frame).append('\n');
        }
        return s.append('\n').toString();
    }
}
