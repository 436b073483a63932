package org.permitwatch.monitoring.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.permitwatch.monitoring.MonitoringApplication;
import org.permitwatch.monitoring.restart.BrokerProcess;
import org.permitwatch.support.memory.GarbageCollections;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.testsupport.SharedTestDatabase;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * bench/hj212-benchmark.sh (not a test): monitoring-service as it runs (receiver, producer, storage consumer, its
 * database — zonky PostgreSQL), a real KRaft broker in its own JVM (as run.sh), and {@link Hj212Load} in a third JVM.
 * This JVM is the service: its RSS is the receiver's (sampled every 500 ms from /proc/self/status).
 *
 * <p>Arguments: {@code points seconds connections window frames [extra service arguments…]}. Phase 1: {@code points}
 * units at real-time rates for {@code seconds}. Phase 2: a backfill burst of {@code frames} over {@code connections},
 * {@code window} frames in flight each. Then how long the storage took to hold every value of the burst.
 */
public final class Hj212Benchmark {

    static final String PASSWORD = "benchpw";

    private Hj212Benchmark() {}

    static String mn(int index) {
        return "BENCH" + String.format("%07d", index);
    }

    public static void main(String[] args) throws Exception {
        int points = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        int window = Integer.parseInt(args[3]);
        int frames = Integer.parseInt(args[4]);
        List<String> extra = List.of(args).subList(5, args.length);

        Path dataDir = Files.createTempDirectory("hj212-bench-broker");
        int hj212Port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            hj212Port = probe.getLocalPort();
        }
        AtomicLong peakRss = new AtomicLong();
        Thread sampler = new Thread(
                () -> {
                    while (true) {
                        peakRss.accumulateAndGet(rssKb(), Math::max);
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();

        try (BrokerProcess broker = new BrokerProcess(dataDir)) {
            broker.start();
            // The directory topic as permit-sync creates it: the alert stream starts only once it exists.
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                    java.util.Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(
                                        org.permitwatch.events.Topics.DIRECTORY_UNITS, 1, (short) 1)
                                .configs(java.util.Map.of("cleanup.policy", "compact"))))
                        .all()
                        .get();
            }
            List<String> serviceArgs = new ArrayList<>(List.of(
                    "--eureka.client.enabled=false",
                    "--logging.structured.format.console=",
                    "--logging.level.root=WARN",
                    "--server.port=0",
                    "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "--permitwatch.monitoring.receiver.host=127.0.0.1",
                    "--permitwatch.monitoring.receiver.port=" + hj212Port,
                    "--permitwatch.monitoring.receiver.registry-refresh=2s",
                    "--permitwatch.monitoring.raw-topic.partitions=6"));
            serviceArgs.addAll(extra);
            ConfigurableApplicationContext service = new SpringApplicationBuilder(MonitoringApplication.class)
                    .initializers(new SharedTestDatabase(), new TestJwts.Initializer())
                    .run(serviceArgs.toArray(String[]::new));
            try {
                boolean storage = !"false".equals(System.getProperty("bench.storage"));
                if (!storage) {
                    // Receiver only: the raw topic holds the burst, the storage consumer would read it later.
                    service.getBean(KafkaListenerEndpointRegistry.class)
                            .getListenerContainer("monitoring-storage")
                            .stop();
                    report("storage consumer stopped (--no-storage)");
                }
                DatabaseClient db = service.getBean(DatabaseClient.class);
                int units = Math.max(points, connections);
                db.sql("""
                                INSERT INTO monitoring_point (id, mn, password, permit_no, outlet_code, pollutants,
                                                              division_code, source, created_by)
                                SELECT gen_random_uuid(), 'BENCH' || lpad(i::text, 7, '0'), :pw, 'BENCH-PERMIT',
                                       'DA001', ARRAY['a21026', 'a21002', 'a34013'], '140105', 'API', 'bench'
                                FROM generate_series(0, :n - 1) i ON CONFLICT (mn) DO NOTHING
                                """)
                        .bind("pw", PASSWORD)
                        .bind("n", units)
                        .fetch()
                        .rowsUpdated()
                        .block();
                Thread.sleep(4_000); // the registry reloads every 2 s
                // the figure of earlier sessions: 4 s after the context, the alert stream possibly still starting
                report("service 4 s after start: RSS " + rssKb() / 1024 + " MB");
                awaitAlertStream(service);
                BureauClock clock = service.getBean(BureauClock.class);
                LocalDate today = clock.today();
                long idleRss = rssKb();
                report("service started: RSS " + idleRss / 1024 + " MB, " + units + " points registered");
                nativeMemory("idle");

                peakRss.set(0);
                String realtime = load("realtime", hj212Port, points, seconds, today.minusDays(1));
                report(realtime + " serviceRssPeakMB=" + peakRss.get() / 1024);

                peakRss.set(0);
                long beforeRows = rows(db, clock);
                long started = System.nanoTime();
                long cpuBefore = processCpuNanos();
                Heap heapBefore = Heap.now();
                String burst = load("burst", hj212Port, connections, window, frames, today.minusDays(3));
                long burstEnd = System.nanoTime();
                long cpu = processCpuNanos() - cpuBefore;
                Heap heapAfter = Heap.now();
                report(burst + " serviceRssPeakMB=" + peakRss.get() / 1024);
                // The service's own CPU during the burst (all its threads, GC included): what one frame costs it, and
                // the share of the machine it got (the broker, PostgreSQL, the load generator and other builds share
                // the cores).
                report(String.format(
                        java.util.Locale.ROOT,
                        "service CPU during the burst: %.1f core-seconds in %.1f s (%.2f cores), %.0f µs per frame",
                        cpu / 1e9,
                        (burstEnd - started) / 1e9,
                        (double) cpu / (burstEnd - started),
                        cpu / 1e3 / frames));
                // What the run-to-run spread of the CPU figure comes from: how much each frame allocated and how many
                // collections — above all full ones, when frames in flight were promoted — the burst cost (session 15).
                report(heapAfter.since(heapBefore, frames));
                nativeMemory("after the burst");
                // What the burst leaves behind once it is over: ADR 0063 restores run.sh's heap-free ratios 30 s after
                // the last busy second and collects once; without it the heap keeps its burst size until a full GC.
                Thread.sleep(35_000);
                report("service 35 s after the burst: RSS " + rssKb() / 1024 + " MB");
                if (!storage) {
                    return;
                }
                // Storage: every burst frame carries three pollutants of a distinct minute of its unit.
                long expected = beforeRows + 3L * frames;
                long deadline = System.nanoTime() + 120_000_000_000L;
                long stored = rows(db, clock);
                while (stored < expected && System.nanoTime() < deadline) {
                    Thread.sleep(1_000);
                    stored = rows(db, clock);
                }
                report("storage: " + (stored - beforeRows) + " of " + 3L * frames
                        + " minute values of the burst stored " + (System.nanoTime() - started) / 1_000_000
                        + " ms after its first frame (" + (System.nanoTime() - burstEnd) / 1_000_000
                        + " ms after its last answer)");
                // The storage consumer's rate: burst messages (3 values each) stored per second since its first frame.
                double elapsedS = (System.nanoTime() - started) / 1e9;
                report(String.format(
                        java.util.Locale.ROOT,
                        "storage rate: %.0f messages/s (%d messages in %.1f s)",
                        (stored - beforeRows) / 3.0 / elapsedS,
                        (stored - beforeRows) / 3,
                        elapsedS));
            } finally {
                service.close();
            }
        } finally {
            System.exit(0);
        }
    }

    /**
     * Idle means the alert stream running (it starts once the directory topic exists, a few seconds after the context):
     * measured before it, the idle figure would catch its start-up instead of its footprint.
     */
    static void awaitAlertStream(ConfigurableApplicationContext service) throws InterruptedException {
        org.springframework.kafka.config.StreamsBuilderFactoryBean streams = service.getBeanProvider(
                        org.springframework.kafka.config.StreamsBuilderFactoryBean.class)
                .getIfAvailable();
        if (streams == null) {
            report("alert stream: not running in this service");
            return;
        }
        long start = System.nanoTime();
        while (System.nanoTime() - start < 120_000_000_000L) {
            org.apache.kafka.streams.KafkaStreams kafkaStreams = streams.getKafkaStreams();
            if (kafkaStreams != null && kafkaStreams.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING) {
                report("alert stream RUNNING after " + (System.nanoTime() - start) / 1_000_000 + " ms more");
                Thread.sleep(2_000);
                return;
            }
            Thread.sleep(200);
        }
        report("alert stream not RUNNING after 120 s");
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** With -XX:NativeMemoryTracking=summary (bench --nmt): where the RSS goes, by JVM area. */
    static void nativeMemory(String when) {
        try {
            Object summary = java.lang.management.ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "vmNativeMemory",
                            new Object[] {new String[] {"summary", "scale=MB"}},
                            new String[] {String[].class.getName()});
            String text = String.valueOf(summary);
            if (text.contains("not enabled")) {
                return;
            }
            report("native memory " + when + ":");
            for (String line : text.split("\n")) {
                if (line.contains("committed=") && (line.startsWith("-") || line.startsWith("Total"))) {
                    report("  " + line.strip());
                }
            }
        } catch (Exception e) {
            report("native memory " + when + ": " + e);
        }
    }

    /** Minute values of the burst: its days (three and two days ago), not the real-time phase's (yesterday). */
    private static long rows(DatabaseClient db, BureauClock clock) {
        LocalDate today = clock.today();
        return db.sql("SELECT count(*) FROM minute_value WHERE mn LIKE 'BENCH%' AND data_time >= :from"
                        + " AND data_time < :to")
                .bind("from", clock.startOf(today.minusDays(3)))
                .bind("to", clock.startOf(today.minusDays(1)))
                .map(r -> r.get(0, Long.class))
                .one()
                .block();
    }

    private static String load(String mode, int port, int a, int b, Object... more) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-cp",
                // the same load generator in a baseline run as in the current one (bench --baseline)
                System.getProperty("bench.load.classpath", System.getProperty("java.class.path")),
                Hj212Load.class.getName(),
                mode,
                String.valueOf(port),
                String.valueOf(a),
                String.valueOf(b)));
        for (Object m : more) {
            command.add(String.valueOf(m));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                } else {
                    report("  load: " + line);
                }
            }
        }
        process.waitFor();
        if (result == null) {
            throw new IllegalStateException("the load generator gave no result");
        }
        return result;
    }

    /**
     * The service JVM's allocation and collections so far: bytes allocated by its live threads (the burst's threads —
     * event loops, publisher, stream thread, producer — live through it) and, per collector, collections and their time.
     */
    record Heap(long allocatedBytes, GarbageCollections.Counts collections) {

        static Heap now() {
            var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long allocated = 0;
            for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
                allocated += Math.max(bytes, 0);
            }
            return new Heap(allocated, GarbageCollections.Counts.now());
        }

        String since(Heap before, int frames) {
            return String.format(
                    java.util.Locale.ROOT,
                    "service heap during the burst: %.1f KB allocated per frame; %d young collections (%.1f s), %d full"
                            + " (%.1f s)",
                    (allocatedBytes - before.allocatedBytes) / 1024.0 / frames,
                    collections.young() - before.collections.young(),
                    (collections.youngMillis() - before.collections.youngMillis()) / 1e3,
                    collections.full() - before.collections.full(),
                    (collections.fullMillis() - before.collections.fullMillis()) / 1e3);
        }
    }

    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }

    @SuppressWarnings("java:S106") // a benchmark's report goes to the console
    static void report(String line) {
        System.err.println("[bench] " + line);
    }
}
