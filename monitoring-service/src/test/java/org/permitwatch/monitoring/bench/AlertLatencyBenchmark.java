package org.permitwatch.monitoring.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.permitwatch.events.Topics;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.Outlet;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.PollutantLimit;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.events.monitoring.MonitoringTopics;
import org.permitwatch.monitoring.MonitoringApplication;
import org.permitwatch.monitoring.receiver.RawTopic;
import org.permitwatch.monitoring.restart.BrokerProcess;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.testsupport.SharedTestDatabase;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * bench/alert-latency-benchmark.sh (not a test): the time from an hour's last minute (hh:59, CN 2051) being written by
 * a data-acquisition unit to its HOURLY_EXCEEDANCE alert being readable (read_committed) on monitoring.alert.events.v1,
 * with POINTS points sending. The service as it runs (receiver, storage, alert stream; zonky PostgreSQL), a KRaft
 * broker in its own JVM and {@link Hj212Load} ("minutes" mode) in a third, as bench/hj212-benchmark.sh.
 *
 * <p>Hours are compressed: an hour's minutes 15–58 of the EXCEEDERS points are sent as fast as the receiver answers
 * (45 valid minutes make the hour; the other points' hours stay invalid and are judged all the same), the bench waits
 * until the stream has consumed them (no backlog, as in real time, where minutes arrive over the hour), then minute 59
 * of ALL points is sent within SPREAD seconds — the moment every unit reports its hour's last minute. Exceeders send
 * 50 mg/m3 in even hours (limit 35: OPEN at the close) and 10 in odd hours (RESOLVED at the close), so every hour
 * yields one alert record per exceeder. Latency per record = its arrival on the alerts topic − the write of its
 * point's minute 59 (wall clock, same machine).
 *
 * <p>Arguments: {@code points exceeders hours spreadSeconds [extra service arguments…]}.
 */
public final class AlertLatencyBenchmark {

    static final String PERMIT = "BENCH-PERMIT";

    private AlertLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int points = Integer.parseInt(args[0]);
        int exceeders = Integer.parseInt(args[1]);
        int hours = Integer.parseInt(args[2]);
        int spread = Integer.parseInt(args[3]);
        List<String> extra = List.of(args).subList(4, args.length);
        JsonMapper json = JsonMapper.builder()
                .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();

        Path dataDir = Files.createTempDirectory("alert-bench-broker");
        int hj212Port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            hj212Port = probe.getLocalPort();
        }
        AtomicLong peakRss = new AtomicLong();
        Thread sampler = new Thread(
                () -> {
                    while (true) {
                        peakRss.accumulateAndGet(Hj212Benchmark.rssKb(), Math::max);
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
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(Topics.DIRECTORY_UNITS, 1, (short) 1)
                                .configs(Map.of("cleanup.policy", "compact"))))
                        .all()
                        .get();
            }
            // The bench permit as permit-sync publishes it: DA001 with an hourly SO2 limit of 35 mg/m3 under a standard
            // without reference oxygen (GB 16297-1996), so minute values are judged as sent.
            DirectoryUnitSnapshot unit = new DirectoryUnitSnapshot(
                    PERMIT,
                    "91140105MABENCH01X",
                    "基准测试单位",
                    "140000",
                    "140100",
                    "140105",
                    "2520",
                    "炼焦",
                    "COKING",
                    "KEY",
                    "VALID",
                    null,
                    null,
                    false,
                    "KEY",
                    false,
                    List.of(new Outlet(
                            "DA001",
                            "1#排气筒",
                            "废气",
                            "主要排放口",
                            List.of(new PollutantLimit(
                                    "a21026", "二氧化硫", 35.0, null, "mg/m3", List.of(), "GB 16297-1996")))),
                    null,
                    0,
                    1,
                    null,
                    null);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", bootstrap), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.DIRECTORY_UNITS, PERMIT, json.writeValueAsString(unit)))
                        .get();
            }

            List<String> serviceArgs = new ArrayList<>(List.of(
                    "--eureka.client.enabled=false",
                    "--logging.structured.format.console=",
                    "--logging.level.root=WARN",
                    "--server.port=0",
                    "--spring.kafka.bootstrap-servers=" + bootstrap,
                    "--permitwatch.monitoring.receiver.host=127.0.0.1",
                    "--permitwatch.monitoring.receiver.port=" + hj212Port,
                    "--permitwatch.monitoring.receiver.registry-refresh=2s",
                    "--permitwatch.monitoring.raw-topic.partitions=6"));
            serviceArgs.addAll(extra);
            ConfigurableApplicationContext service = new SpringApplicationBuilder(MonitoringApplication.class)
                    .initializers(new SharedTestDatabase(), new TestJwts.Initializer())
                    .run(serviceArgs.toArray(String[]::new));
            try {
                DatabaseClient db = service.getBean(DatabaseClient.class);
                db.sql("""
                                INSERT INTO monitoring_point (id, mn, password, permit_no, outlet_code, pollutants,
                                                              division_code, source, created_by)
                                SELECT gen_random_uuid(), 'BENCH' || lpad(i::text, 7, '0'), :pw, :permit,
                                       'DA001', ARRAY['a21026'], '140105', 'API', 'bench'
                                FROM generate_series(0, :n - 1) i ON CONFLICT (mn) DO NOTHING
                                """)
                        .bind("pw", Hj212Benchmark.PASSWORD)
                        .bind("permit", PERMIT)
                        .bind("n", points)
                        .fetch()
                        .rowsUpdated()
                        .block();
                Thread.sleep(4_000); // the registry reloads every 2 s
                Hj212Benchmark.awaitAlertStream(service);
                report("service idle with the stream running: RSS " + Hj212Benchmark.rssKb() / 1024 + " MB, " + points
                        + " points registered");
                Hj212Benchmark.nativeMemory("idle");
                KafkaStreams streams =
                        service.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
                String applicationId = service.getEnvironment()
                        .getProperty("permitwatch.monitoring.alerts.application-id", "monitoring-service.alerts");

                // Alerts as a consumer downstream sees them: committed transactions only.
                Map<String, Long> arrivals = new ConcurrentHashMap<>();
                AtomicBoolean stop = new AtomicBoolean();
                Thread reader = new Thread(
                        () -> {
                            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                                    Map.of(
                                            "bootstrap.servers", bootstrap,
                                            "group.id", "alert-latency-bench",
                                            "isolation.level", "read_committed",
                                            "auto.offset.reset", "earliest"),
                                    new StringDeserializer(),
                                    new StringDeserializer())) {
                                consumer.subscribe(List.of(MonitoringTopics.ALERTS));
                                while (!stop.get()) {
                                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                                        long now = System.currentTimeMillis();
                                        MonitoringAlertChanged e =
                                                json.readValue(r.value(), MonitoringAlertChanged.class);
                                        if (e.mn() != null) {
                                            arrivals.putIfAbsent(
                                                    e.mn() + "|" + e.changedAt().toLocalDateTime(), now);
                                        }
                                    }
                                }
                            }
                        },
                        "alert-reader");
                reader.setDaemon(true);
                reader.start();

                BureauClock clock = service.getBean(BureauClock.class);
                LocalDate day = clock.today().minusDays(5);
                List<Long> latencies = new ArrayList<>();
                long missing = 0;
                peakRss.set(0);
                for (int h = 0; h < hours; h++) {
                    LocalDateTime hour = day.atTime(8, 0).plusHours(h);
                    String exceeding = h % 2 == 0 ? "50.0" : "10.0";
                    String prefill = minutes(hj212Port, exceeders, hour, 15, 58, "10.0", exceeding, exceeders, 0);
                    report("hour " + hour + " minutes 15-58 of " + exceeders + " points: " + prefill);
                    long waited = awaitNoLag(bootstrap, applicationId);
                    report("  stream caught up " + waited + " ms after the prefill's last answer");
                    double processedBefore = processTotal(streams);
                    long start = System.currentTimeMillis();
                    Map<String, Long> sent = new HashMap<>();
                    String last = minutes(hj212Port, points, hour, 59, 59, "10.0", exceeding, exceeders, spread, sent);
                    report("  minute 59 of " + points + " points within " + spread + " s: " + last);
                    String changedAt = hour.plusHours(1).toString();
                    long deadline = System.currentTimeMillis() + 120_000;
                    while (System.currentTimeMillis() < deadline
                            && sent.keySet().stream().anyMatch(mn -> !arrivals.containsKey(mn + "|" + changedAt))) {
                        Thread.sleep(100);
                    }
                    long elapsed = System.currentTimeMillis() - start;
                    double processed = processTotal(streams) - processedBefore;
                    List<Long> hourLatencies = new ArrayList<>();
                    for (Map.Entry<String, Long> s : sent.entrySet()) {
                        Long arrived = arrivals.get(s.getKey() + "|" + changedAt);
                        if (arrived == null) {
                            missing++;
                        } else {
                            hourLatencies.add(arrived - s.getValue());
                        }
                    }
                    latencies.addAll(hourLatencies);
                    report(String.format(
                            java.util.Locale.ROOT,
                            "  hour %d (%s at the close): %d alerts, latency %s; stream processed %.0f records in %.1f s"
                                    + " (%.0f records/s); load average %s",
                            h,
                            h % 2 == 0 ? "OPEN" : "RESOLVED",
                            hourLatencies.size(),
                            percentiles(hourLatencies),
                            processed,
                            elapsed / 1000.0,
                            processed / (elapsed / 1000.0),
                            Files.readString(Path.of("/proc/loadavg")).substring(0, 14)));
                }
                stop.set(true);
                report("RESULT points=" + points + " exceeders=" + exceeders + " hours=" + hours + " spread=" + spread
                        + "s alerts=" + latencies.size() + " missing=" + missing + " latency " + percentiles(latencies)
                        + " serviceRssPeakMB=" + peakRss.get() / 1024);
                Hj212Benchmark.nativeMemory("after the hours");
            } finally {
                service.close();
            }
        } finally {
            System.exit(0);
        }
    }

    /** Records the streams application has processed so far (all its threads: the thread-level process-total). */
    static double processTotal(KafkaStreams streams) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> m : streams.metrics().entrySet()) {
            if (m.getKey().name().equals("process-total") && m.getKey().group().equals("stream-thread-metrics")) {
                total += ((Number) m.getValue().metricValue()).doubleValue();
            }
        }
        return total;
    }

    /** Waits until the streams application's committed offsets on the raw topic reach its end; returns the ms waited. */
    static long awaitNoLag(String bootstrap, String applicationId) throws Exception {
        long start = System.currentTimeMillis();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (System.currentTimeMillis() - start < 300_000) {
                Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(applicationId)
                                .partitionsToOffsetAndMetadata()
                                .get();
                Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
                for (int p = 0; p < 6; p++) {
                    ask.put(new TopicPartition(RawTopic.NAME, p), OffsetSpec.latest());
                }
                var ends = admin.listOffsets(ask).all().get();
                boolean caughtUp = true;
                for (var e : ends.entrySet()) {
                    var c = committed.get(e.getKey());
                    if (e.getValue().offset() > 0
                            && (c == null || c.offset() < e.getValue().offset())) {
                        caughtUp = false;
                    }
                }
                if (caughtUp) {
                    return System.currentTimeMillis() - start;
                }
                Thread.sleep(200);
            }
        }
        return -1;
    }

    private static String minutes(
            int port,
            int points,
            LocalDateTime hour,
            int from,
            int to,
            String value,
            String exceeding,
            int exceeders,
            int spread,
            Map<String, Long> sent)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("bench.load.classpath", System.getProperty("java.class.path")),
                Hj212Load.class.getName(),
                "minutes",
                String.valueOf(port),
                String.valueOf(points),
                "0",
                hour.toString(),
                String.valueOf(from),
                String.valueOf(to),
                value,
                exceeding,
                String.valueOf(exceeders),
                String.valueOf(spread)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                } else if (line.startsWith("SENT ")) {
                    String[] parts = line.split(" ");
                    sent.put(parts[1], Long.parseLong(parts[2]));
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

    private static String minutes(
            int port,
            int points,
            LocalDateTime hour,
            int from,
            int to,
            String value,
            String exceeding,
            int exceeders,
            int spread)
            throws Exception {
        return minutes(port, points, hour, from, to, value, exceeding, exceeders, spread, new HashMap<>());
    }

    static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "p50=- p95=- max=-";
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return "p50=" + at(sorted, 0.50) + "ms p95=" + at(sorted, 0.95) + "ms max=" + sorted[sorted.length - 1] + "ms";
    }

    private static long at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    private static void report(String line) {
        Hj212Benchmark.report(line);
    }
}
