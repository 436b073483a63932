package org.permitwatch.monitoring.restart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.permitwatch.monitoring.hj212.Hj212Frame;

/**
 * A data-acquisition unit as HJ 212 has it: it sends its frames (Flag asks for an answer), keeps each one until a 9014
 * answer names its QN, and resends every frame left unanswered for {@code resendAfterMillis} — over a new connection
 * when the old one broke (receiver restart). A 9011 refusal is not an answer: the frame is resent too. It sends its
 * frames in order, no faster than one per {@code paceMillis}, and never beyond what {@code allowed} says (the test's
 * phases).
 */
final class ResendingUnit implements Runnable {

    private final int port;
    private final List<String> segments;
    private final IntSupplier allowed;
    private final long paceMillis;
    private final long resendAfterMillis;
    private final long deadlineNanos;

    /** QN → nano time the 9014 answer arrived. */
    final Map<String, Long> answered = new ConcurrentHashMap<>();

    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger resent = new AtomicInteger();
    final AtomicInteger refusals = new AtomicInteger();
    final AtomicInteger reconnects = new AtomicInteger();

    private final long[] lastSent;
    private final AtomicLong lastActivity = new AtomicLong();
    private volatile Socket socket;

    ResendingUnit(
            int port,
            List<String> segments,
            IntSupplier allowed,
            long paceMillis,
            long resendAfterMillis,
            long deadlineNanos) {
        this.port = port;
        this.segments = segments;
        this.allowed = allowed;
        this.paceMillis = paceMillis;
        this.resendAfterMillis = resendAfterMillis;
        this.deadlineNanos = deadlineNanos;
        this.lastSent = new long[segments.size()];
    }

    static String qnOf(String segment) {
        int start = segment.indexOf("QN=") + 3;
        return segment.substring(start, segment.indexOf(';', start));
    }

    boolean allAnswered() {
        return answered.size() == segments.size();
    }

    int answeredAmong(int first, int endExclusive) {
        int n = 0;
        for (int i = first; i < endExclusive; i++) {
            if (answered.containsKey(qnOf(segments.get(i)))) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void run() {
        try {
            while (!allAnswered() && System.nanoTime() < deadlineNanos) {
                OutputStream out = connection();
                if (out == null) {
                    Thread.sleep(100);
                    continue;
                }
                try {
                    step(out);
                } catch (IOException broken) {
                    drop();
                }
                Thread.sleep(paceMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            drop();
        }
    }

    private void step(OutputStream out) throws IOException {
        long now = System.nanoTime();
        int next = sent.get();
        if (next < segments.size() && next < allowed.getAsInt()) {
            write(out, next, now);
            sent.incrementAndGet();
        }
        for (int i = 0; i < sent.get(); i++) {
            String qn = qnOf(segments.get(i));
            if (!answered.containsKey(qn) && now - lastSent[i] > resendAfterMillis * 1_000_000) {
                write(out, i, now);
                resent.incrementAndGet();
            }
        }
    }

    private void write(OutputStream out, int index, long now) throws IOException {
        out.write(Hj212Frame.wrap(segments.get(index)).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        lastSent[index] = now;
    }

    private OutputStream connection() {
        Socket current = socket;
        if (current != null && !current.isClosed()) {
            try {
                return current.getOutputStream();
            } catch (IOException e) {
                drop();
                return null;
            }
        }
        try {
            Socket fresh = new Socket("127.0.0.1", port);
            socket = fresh;
            reconnects.incrementAndGet();
            Thread reader = new Thread(() -> read(fresh), "unit-reader");
            reader.setDaemon(true);
            reader.start();
            // What was in flight on the old connection is resent at once: its answers could not come back.
            java.util.Arrays.fill(lastSent, 0L);
            return fresh.getOutputStream();
        } catch (IOException refused) {
            return null;
        }
    }

    private void read(Socket from) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(from.getInputStream(), StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = in.readLine()) != null) {
                lastActivity.set(System.nanoTime());
                String segment = Hj212Frame.unwrap(line).segment();
                if (segment == null) {
                    continue;
                }
                if (segment.contains("CN=9014;")) {
                    answered.putIfAbsent(qnOf(segment), System.nanoTime());
                } else {
                    refusals.incrementAndGet();
                }
            }
        } catch (IOException closed) {
            // the receiver went away; the writer reconnects
        } finally {
            if (socket == from) {
                drop();
            }
        }
    }

    private synchronized void drop() {
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
