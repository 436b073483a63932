package org.permitwatch.monitoring.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.permitwatch.monitoring.hj212.Hj212Frame;

/**
 * The load generator of bench/hj212-benchmark.sh, in a JVM of its own so its CPU and memory are not the receiver's:
 * data-acquisition units on non-blocking sockets (one selector thread), frames asking for answers, the time from
 * writing a frame to reading its 9014 answer recorded per frame.
 *
 * <ul>
 *   <li>{@code realtime PORT POINTS SECONDS DAY}: every point on its own connection sends 2011 every 30 s and 2051 every
 *       60 s, spread evenly over the period (10,000 points: 333 + 167 = 500 frames/s).
 *   <li>{@code burst PORT CONNECTIONS WINDOW FRAMES DAY}: 补发 after an outage — each connection keeps WINDOW frames
 *       (2051 minute values, three pollutants) unanswered at all times until FRAMES in all are answered.
 * </ul>
 * Prints {@code RESULT key=value …} lines the bench main reads.
 */
public final class Hj212Load {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final List<Unit> units = new ArrayList<>();
    private final Selector selector;
    private long[] latencies = new long[1 << 16];
    private int answered;
    private int refused;

    private Hj212Load() throws IOException {
        selector = Selector.open();
    }

    /** One unit: its connection, the answer bytes read so far, and when each in-flight QN was written. */
    static final class Unit {
        final int index;
        final String mn;
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(8 * 1024);
        final java.util.HashMap<String, Long> inFlight = new java.util.HashMap<>();
        int seq;

        Unit(int index, SocketChannel channel) {
            this.index = index;
            this.mn = Hj212Benchmark.mn(index);
            this.channel = channel;
        }
    }

    public static void main(String[] args) throws Exception {
        Hj212Load load = new Hj212Load();
        PrintStream out = System.out;
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        if (mode.equals("realtime")) {
            int points = Integer.parseInt(args[2]);
            int seconds = Integer.parseInt(args[3]);
            LocalDateTime day = LocalDateTime.parse(args[4] + "T00:00:00");
            load.connect(port, points);
            long[] r = load.realtime(points, seconds, day);
            out.println("RESULT mode=realtime points=" + points + " seconds=" + seconds + " sent=" + r[0]
                    + " answered=" + load.answered + " refused=" + load.refused + " rate=" + r[1] + " "
                    + load.percentiles());
        } else if (mode.equals("minutes")) {
            // minutes PORT POINTS FIRST_POINT HOUR FROM_MINUTE TO_MINUTE VALUE EXCEEDING_VALUE EXCEEDERS SPREAD_SECONDS
            int points = Integer.parseInt(args[2]);
            int first = Integer.parseInt(args[3]);
            LocalDateTime hour = LocalDateTime.parse(args[4]);
            int from = Integer.parseInt(args[5]);
            int to = Integer.parseInt(args[6]);
            String value = args[7];
            String exceeding = args[8];
            int exceeders = Integer.parseInt(args[9]);
            int spreadSeconds = Integer.parseInt(args[10]);
            load.connect(port, points, first);
            long[] r = load.minutes(hour, from, to, value, exceeding, exceeders, spreadSeconds, out);
            out.println("RESULT mode=minutes points=" + points + " minutes=" + from + ".." + to + " sent=" + r[0]
                    + " answered=" + load.answered + " refused=" + load.refused + " millis=" + r[1] + " "
                    + load.percentiles());
        } else {
            int connections = Integer.parseInt(args[2]);
            int window = Integer.parseInt(args[3]);
            int frames = Integer.parseInt(args[4]);
            LocalDateTime day = LocalDateTime.parse(args[5] + "T00:00:00");
            load.connect(port, connections);
            long[] r = load.burst(connections, window, frames, day);
            out.println("RESULT mode=burst connections=" + connections + " window=" + window + " frames=" + frames
                    + " answered=" + load.answered + " refused=" + load.refused + " millis=" + r[0] + " rate=" + r[1]
                    + " " + load.percentiles());
        }
        out.flush();
        System.exit(0);
    }

    private void connect(int port, int n) throws IOException {
        connect(port, n, 0);
    }

    private void connect(int port, int n, int first) throws IOException {
        for (int i = first; i < first + n; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            Unit unit = new Unit(i, channel);
            channel.register(selector, SelectionKey.OP_READ, unit);
            units.add(unit);
        }
    }

    /** Returns {frames sent, frames per second sent}. */
    private long[] realtime(int points, int seconds, LocalDateTime day) throws IOException {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        // Point i's first 2011 at i/points of 30 s, its 2051 at i/points of 60 s: an even spread, as units are.
        long[] next2011 = new long[points];
        long[] next2051 = new long[points];
        for (int i = 0; i < points; i++) {
            next2011[i] = start + (long) (30e9 * i / points);
            next2051[i] = start + (long) (60e9 * i / points);
        }
        long sent = 0;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            for (int i = 0; i < points; i++) {
                Unit u = units.get(i);
                if (next2011[i] <= now) {
                    send(u, "2011", day.plusSeconds(30L * u.seq), now);
                    next2011[i] += 30_000_000_000L;
                    sent++;
                }
                if (next2051[i] <= now) {
                    send(u, "2051", day.plusMinutes(u.seq), now);
                    next2051[i] += 60_000_000_000L;
                    sent++;
                }
            }
            read(5);
        }
        long drain = System.nanoTime() + 10_000_000_000L;
        while (pending() > 0 && System.nanoTime() < drain) {
            read(50);
        }
        return new long[] {sent, sent / Math.max(1, seconds)};
    }

    /**
     * The alert-latency bench's data (bench/alert-latency-benchmark.sh): every unit sends the 2051 minutes {@code from}
     * ..{@code to} of {@code hour} (a21026 only), the first {@code exceeders} units (by index) {@code exceeding}, the
     * others {@code value}; each minute of all units spread evenly over {@code spreadSeconds} (0: as fast as the window
     * of 16 unanswered frames per unit allows). For the hour's last minute (59) it prints {@code SENT mn epochMillis}
     * per exceeding unit: the wall-clock moment its last minute was written, which the bench compares with the moment
     * the alert is on the alerts topic (same machine, same clock).
     *
     * @return {frames sent, millis from the first write to the last answer}
     */
    private long[] minutes(
            LocalDateTime hour,
            int from,
            int to,
            String value,
            String exceeding,
            int exceeders,
            int spreadSeconds,
            PrintStream out)
            throws IOException {
        long start = System.nanoTime();
        long sent = 0;
        for (int m = from; m <= to; m++) {
            LocalDateTime minute = hour.plusMinutes(m);
            long minuteStart = System.nanoTime();
            for (int i = 0; i < units.size(); i++) {
                Unit u = units.get(i);
                if (spreadSeconds > 0) {
                    long due = minuteStart + (long) (spreadSeconds * 1e9 * i / units.size());
                    while (System.nanoTime() < due) {
                        read(1);
                    }
                } else {
                    while (u.inFlight.size() >= 16) {
                        read(5);
                    }
                }
                boolean exceeds = u.index < exceeders;
                String values = "a21026-Avg=" + (exceeds ? exceeding : value) + ",a21026-Flag=N";
                sendSegment(u, "2051", minute, values, System.nanoTime());
                if (m == 59 && exceeds) {
                    out.println("SENT " + u.mn + " " + System.currentTimeMillis());
                }
                sent++;
            }
            read(0);
        }
        long drain = System.nanoTime() + 120_000_000_000L;
        while (pending() > 0 && System.nanoTime() < drain) {
            read(50);
        }
        return new long[] {sent, (System.nanoTime() - start) / 1_000_000};
    }

    /** Returns {millis from the first write to the last answer, answers per second}. */
    private long[] burst(int connections, int window, int frames, LocalDateTime day) throws IOException {
        long start = System.nanoTime();
        int sent = 0;
        for (Unit u : units) {
            for (int w = 0; w < window && sent < frames; w++, sent++) {
                send(u, "2051", day.plusMinutes(u.seq), System.nanoTime());
            }
        }
        long deadline = start + 600_000_000_000L;
        while (answered + refused < sent && System.nanoTime() < deadline) {
            int before = answered + refused;
            read(50);
            // Top each unit up to its window: one new frame per answer.
            if (answered + refused > before) {
                for (Unit u : units) {
                    while (u.inFlight.size() < window && sent < frames) {
                        send(u, "2051", day.plusMinutes(u.seq), System.nanoTime());
                        sent++;
                    }
                }
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new long[] {millis, answered * 1000L / Math.max(1, millis)};
    }

    private int pending() {
        int n = 0;
        for (Unit u : units) {
            n += u.inFlight.size();
        }
        return n;
    }

    private void send(Unit u, String cn, LocalDateTime time, long now) throws IOException {
        // values as before the split (the sequence number was incremented first): the same bytes per frame
        String values = cn.equals("2011")
                ? "a21026-Rtd=" + (20 + (u.seq + 1) % 7) + ",a21026-Flag=N;a21002-Rtd=" + (40 + (u.seq + 1) % 5)
                        + ",a21002-Flag=N;a34013-Rtd=3.1,a34013-Flag=N"
                : "a21026-Min=10.1,a21026-Avg=" + (20 + (u.seq + 1) % 7) + ".5,a21026-Max=30.2,a21026-Flag=N;"
                        + "a21002-Min=30.0,a21002-Avg=" + (40 + (u.seq + 1) % 5) + ".2,a21002-Max=50.9,a21002-Flag=N;"
                        + "a34013-Min=1.0,a34013-Avg=3.1,a34013-Max=5.5,a34013-Flag=N";
        sendSegment(u, cn, time, values, now);
    }

    private void sendSegment(Unit u, String cn, LocalDateTime time, String values, long now) throws IOException {
        String qn = u.index + "-" + u.seq++;
        String segment = "QN=" + qn + ";ST=31;CN=" + cn + ";PW=" + Hj212Benchmark.PASSWORD + ";MN=" + u.mn
                + ";Flag=5;CP=&&DataTime=" + time.format(TIME) + ";" + values + "&&";
        ByteBuffer frame = ByteBuffer.wrap(Hj212Frame.wrap(segment).getBytes(StandardCharsets.ISO_8859_1));
        u.inFlight.put(qn, now);
        while (frame.hasRemaining()) {
            if (u.channel.write(frame) == 0) {
                read(1); // the receiver is not reading: take its answers meanwhile
            }
        }
    }

    private void read(long timeoutMillis) throws IOException {
        if (selector.select(timeoutMillis) == 0) {
            return;
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            Unit u = (Unit) key.attachment();
            if (u.channel.read(u.in) < 0) {
                throw new IOException("the receiver closed the connection of " + u.mn);
            }
            long now = System.nanoTime();
            u.in.flip();
            int lineStart = 0;
            for (int i = u.in.position(); i < u.in.limit(); i++) {
                if (u.in.get(i) == '\n') {
                    String line = new String(u.in.array(), lineStart, i - lineStart, StandardCharsets.ISO_8859_1);
                    lineStart = i + 1;
                    answer(u, line, now);
                }
            }
            u.in.position(lineStart);
            u.in.compact();
        }
    }

    private void answer(Unit u, String line, long now) {
        int q = line.indexOf("QN=");
        if (q < 0) {
            return;
        }
        String qn = line.substring(q + 3, line.indexOf(';', q));
        Long sentAt = u.inFlight.remove(qn);
        if (sentAt == null) {
            return;
        }
        if (!line.contains("CN=9014")) {
            refused++;
            return;
        }
        if (answered == latencies.length) {
            latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[answered++] = now - sentAt;
    }

    private String percentiles() {
        long[] sorted = Arrays.copyOf(latencies, answered);
        Arrays.sort(sorted);
        return "p50ms=" + ms(sorted, 0.50) + " p99ms=" + ms(sorted, 0.99) + " maxms="
                + (sorted.length == 0 ? "-" : String.format("%.1f", sorted[sorted.length - 1] / 1e6));
    }

    private static String ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return "-";
        }
        return String.format("%.1f", sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6);
    }
}
