package org.permitwatch.permitsync.directory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.permitwatch.permitsync.PermitSyncApplication;
import org.permitwatch.testsupport.TestJwts;
import org.permitwatch.testsupport.TestPostgres;
import org.permitwatch.testsupport.bench.JfrWindow;
import org.permitwatch.testsupport.bench.ProcStat;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Benchmark (not a test; run by {@code bench/directory-benchmark.sh}): the directory page straight to permit-sync.
 *
 * <ul>
 *   <li>{@code serve UNITS DIR}: boots permit-sync (real code, embedded PostgreSQL, no broker, no sync) over UNITS
 *       units of one province (11 cities × 10 counties), each with 4 outlets × 5 pollutant limits and 20
 *       self-monitoring rows like a real permit, writes its port, PostgreSQL's postmaster pid and 64 tokens (CITY
 *       140100, one subject each) into DIR and serves until killed;
 *   <li>{@code load URL N C PID POSTMASTER TOKENS}: N GETs of URL at concurrency C (closed loop, each worker its own
 *       token) after a warm-up of N/4, then req/s, p50/p95 and the CPU time the server JVM (PID) and PostgreSQL
 *       spent per request, from /proc: on a shared machine that is the figure to compare. With the environment's
 *       {@code BENCH_JFR} set to a file, the measured requests' window is dumped there from the server's recording
 *       {@code bench} (JFR, profile settings, started with the server by the script).
 *       With {@code BENCH_WRK_SECONDS} set, wrk is the client instead: that many seconds measured after
 *       {@code BENCH_WRK_WARMUP} seconds (default half as many), the tokens rotating per request.
 * </ul>
 */
public final class DirectoryBenchmark {

    private DirectoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("serve")) {
            serve(Integer.parseInt(args[1]), Path.of(args[2]));
        } else {
            load(
                    args[1],
                    Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]),
                    Long.parseLong(args[4]),
                    Long.parseLong(args[5]),
                    Path.of(args[6]));
        }
    }

    private static void serve(int units, Path dir) throws Exception {
        TestPostgres.Database database = TestPostgres.newDatabase("dirbench");
        ConfigurableApplicationContext context = new SpringApplication(PermitSyncApplication.class)
                .run(
                        "--spring.r2dbc.url=" + database.r2dbcUrl(),
                        "--spring.r2dbc.username=" + database.username(),
                        "--spring.r2dbc.password=" + database.password(),
                        "--spring.flyway.url=" + database.jdbcUrl(),
                        "--spring.flyway.user=" + database.username(),
                        "--spring.flyway.password=" + database.password(),
                        "--" + TestJwts.PROPERTY + "=" + TestJwts.publicKeyLocation(),
                        "--" + TestJwts.ISSUER_PROPERTY + "=" + TestJwts.ISSUER,
                        "--" + TestJwts.AUDIENCES_PROPERTY + "=" + TestJwts.AUDIENCE,
                        "--server.port=0",
                        "--eureka.client.enabled=false",
                        "--spring.kafka.bootstrap-servers=127.0.0.1:1",
                        "--spring.kafka.admin.auto-create=false",
                        "--spring.kafka.listener.auto-startup=false",
                        "--permitwatch.outbox.relay-enabled=false",
                        "--permitwatch.sync.schedule-cron=-",
                        "--permitwatch.directory.feedback.reconcile-cron=-",
                        "--permitwatch.national-platform.base-url=http://127.0.0.1:1",
                        "--permitwatch.national-platform.client-id=bench",
                        "--permitwatch.national-platform.client-secret=bench",
                        "--logging.level.root=WARN",
                        "--logging.level.org.apache.kafka=OFF");
        DatabaseClient db = context.getBean(DatabaseClient.class);
        // In statements of at most 10,000 units: one statement of 100,000 hit the 2-minute statement timeout on a
        // loaded machine (session 11).
        for (int from = 1; from <= units; from += 10_000) {
            seed(db, from, Math.min(units, from + 9_999));
        }
        db.sql("ANALYZE").then().block();
        long postmaster = db.sql("SELECT pg_backend_pid() AS pid")
                .map(r -> r.get("pid", Integer.class))
                .one()
                .map(ProcStat::parent)
                .block();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            tokens.add(TestJwts.builder()
                    .subject("bench-" + i)
                    .roles("CITY")
                    .division("140100")
                    .expiresIn(Duration.ofHours(2))
                    .build());
        }
        Files.write(dir.resolve("tokens"), tokens);
        Files.writeString(dir.resolve("postmaster"), Long.toString(postmaster));
        Files.writeString(
                dir.resolve("port"),
                Integer.toString(
                        ((WebServerApplicationContext) context).getWebServer().getPort()));
        Thread.currentThread().join();
    }

    /** One run of the load, warm-up or measured; prints its line. */
    @FunctionalInterface
    private interface Phase {
        void run(String label, boolean warmUp) throws Exception;
    }

    private static void load(String url, int n, int c, long pid, long postmaster, Path tokenFile) throws Exception {
        String wrkSeconds = System.getenv().getOrDefault("BENCH_WRK_SECONDS", "");
        Phase phase;
        if (wrkSeconds.isEmpty()) {
            List<String> tokens = Files.readAllLines(tokenFile);
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(c))
                    .build();
            phase = (label, warmUp) ->
                    run(http, url, warmUp ? Math.max(c, n / 4) : n, c, tokens, pid, postmaster, label);
        } else {
            int seconds = Integer.parseInt(wrkSeconds);
            String warmup = System.getenv().getOrDefault("BENCH_WRK_WARMUP", "");
            int warmupSeconds = warmup.isEmpty() ? Math.max(5, seconds / 2) : Integer.parseInt(warmup);
            phase = (label, warmUp) -> wrk(url, warmUp ? warmupSeconds : seconds, c, tokenFile, pid, postmaster, label);
        }
        phase.run("warm-up", true);
        // BENCH_JFR: the measured requests' window of the recording the server runs from its start (JfrWindow says
        // why not one started now).
        String jfr = System.getenv().getOrDefault("BENCH_JFR", "");
        JfrWindow window = jfr.isEmpty() ? null : JfrWindow.open("permit-sync", pid, "bench");
        phase.run("measured", false);
        if (window != null) {
            window.close(Path.of(jfr));
        }
        System.exit(0);
    }

    /** CPU ticks of the server JVM and of PostgreSQL from the start of a phase: what each request cost them. */
    private record ServerCpu(long pid, long postmaster, long jvm0, long pg0) {

        static ServerCpu start(long pid, long postmaster) throws Exception {
            return new ServerCpu(pid, postmaster, ProcStat.cpuTicks(pid), postgresTicks(postmaster));
        }

        String perRequest(long requests) throws Exception {
            return String.format(
                    "permit-sync %.2f ms + PostgreSQL %.2f ms",
                    (ProcStat.cpuTicks(pid) - jvm0) * ProcStat.MILLIS_PER_TICK / requests,
                    (postgresTicks(postmaster) - pg0) * ProcStat.MILLIS_PER_TICK / requests);
        }
    }

    /**
     * One phase with wrk (Debian's package) as the client: a closed loop of C connections on two threads for SECONDS.
     * wrk spends a few hundredths of a millisecond per request where the JDK's HttpClient spends about 0.6 ms on the
     * same two cores (session 15), so the server gets the cores the goal is about; the issue's own figures were taken
     * with wrk (ADR 0064).
     */
    private static void wrk(String url, int seconds, int c, Path tokens, long pid, long postmaster, String label)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        "wrk",
                        "-t2",
                        "-c" + c,
                        "-d" + seconds + "s",
                        "--timeout",
                        "120s",
                        "-s",
                        Path.of("bench/wrk/bearer-tokens.lua").toAbsolutePath().toString(),
                        url)
                .redirectErrorStream(true);
        builder.environment().put("BENCH_TOKENS", tokens.toAbsolutePath().toString());
        ServerCpu cpu = ServerCpu.start(pid, postmaster);
        long client0 = ProcStat.reapedChildTicks(ProcessHandle.current().pid());
        Process wrk = builder.start();
        String output = new String(wrk.getInputStream().readAllBytes());
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        long client = ProcStat.reapedChildTicks(ProcessHandle.current().pid()) - client0;
        // The script's summary line: "WRK requests=… non2xx=… socket=… p50=… (µs) … duration=… (µs)".
        Map<String, Long> figures = new HashMap<>();
        output.lines()
                .filter(line -> line.startsWith("WRK "))
                .flatMap(line -> Arrays.stream(line.substring(4).split(" ")))
                .map(pair -> pair.split("=", 2))
                .forEach(pair -> figures.put(pair[0], Long.parseLong(pair[1])));
        long n = figures.get("requests");
        System.out.printf(
                "%-8s %,6d requests in %d s (wrk), concurrency %d: %7.1f req/s, p50 %,d ms, p95 %,d ms; CPU per request: "
                        + "%s (wrk %.2f ms); non-2xx %d, socket errors %d; load %s%n",
                label,
                n,
                seconds,
                c,
                n / (figures.get("duration") / 1e6),
                figures.get("p50") / 1000,
                figures.get("p95") / 1000,
                cpu.perRequest(n),
                client * ProcStat.MILLIS_PER_TICK / n,
                figures.get("non2xx"),
                figures.get("socket"),
                Files.readString(Path.of("/proc/loadavg")).substring(0, 14));
    }

    private static void run(
            HttpClient http, String url, int n, int c, List<String> tokens, long pid, long postmaster, String label)
            throws Exception {
        long[] micros = new long[n];
        AtomicInteger next = new AtomicInteger();
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(c);
        ServerCpu cpu = ServerCpu.start(pid, postmaster);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < c; w++) {
            String token = tokens.get(w % tokens.size());
            workers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(120))
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build();
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    micros[i] = (System.nanoTime() - t0) / 1000;
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String cpuPerRequest = cpu.perRequest(n);
        pool.shutdown();
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%-8s %,6d requests, concurrency %d: %7.1f req/s, p50 %,d ms, p95 %,d ms; CPU per request: "
                        + "%s; statuses %s; load %s%n",
                label,
                n,
                c,
                n / seconds,
                sorted[n / 2] / 1000,
                sorted[(int) Math.ceil(0.95 * n) - 1] / 1000,
                cpuPerRequest,
                statuses,
                Files.readString(Path.of("/proc/loadavg")).substring(0, 14));
    }

    /** CPU ticks of the postmaster and its children (the backends). */
    private static long postgresTicks(long postmaster) throws Exception {
        long total = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                // A process that ended between the listing and the read counts 0 (ProcStat).
                if (pid == postmaster || ProcStat.parent(pid) == postmaster) {
                    total += ProcStat.cpuTicks(pid);
                }
            }
        }
        return total;
    }

    private static void seed(DatabaseClient db, int from, int to) {
        db.sql("""
                        INSERT INTO directory_unit (permit_no, uscc, unit_name, province_code, city_code, county_code,
                               industry_code, industry_name, key_industry, management_category, status, issue_date,
                               valid_from, valid_to, issuing_authority, without_permit, source_type, address,
                               legal_representative, longitude, latitude, outlets, obligations, version,
                               platform_updated_at)
                        SELECT 'BENCH' || lpad(g::text, 8, '0') || 'P', '9114' || lpad(g::text, 14, '0'),
                               '基准单位有限公司' || g, '140000', c.city, substr(c.city, 1, 4) || lpad((1 + g % 10)::text, 2, '0'),
                               '4411', '火力发电', 'THERMAL_POWER', CASE WHEN g % 3 = 0 THEN 'SIMPLIFIED' ELSE 'KEY' END,
                               'VALID', DATE '2024-01-01', DATE '2024-01-01', DATE '2029-12-31', '某市生态环境局',
                               false, CASE WHEN g % 5 = 1 THEN 'KEY' ELSE 'GENERAL' END, '山西省某市某区某路' || g || '号',
                               '张三', 112.5, 37.8, o.outlets, o.obligations, 1, now()
                        FROM generate_series(:from, :to) g
                        CROSS JOIN LATERAL (SELECT '14' || lpad((1 + g % 11)::text, 2, '0') || '00' AS city) c
                        CROSS JOIN LATERAL (SELECT
                            (SELECT jsonb_agg(jsonb_build_object('outletCode', 'DA00' || k, 'outletName', k || '号排气筒',
                                    'medium', '废气', 'outletType', '主要排放口', 'pollutants',
                                    (SELECT jsonb_agg(jsonb_build_object('pollutantCode', 'a2' || (1000 + p),
                                            'pollutantName', '污染物' || p, 'hourlyLimit', 30 + p, 'dailyLimit', 20 + p,
                                            'unit', 'mg/m3', 'annualLimitTons', jsonb_build_array(12.5, 12.5, 12.5),
                                            'standard', 'GB 13223-2011'))
                                     FROM generate_series(1, 5) p)))
                             FROM generate_series(1, 4 + 0 * g) k) AS outlets,
                            jsonb_build_object(
                                'fugitiveControls', jsonb_build_array(jsonb_build_object('source', '煤场',
                                        'measures', '全封闭煤棚，喷淋抑尘')),
                                'selfMonitoring', (SELECT jsonb_agg(jsonb_build_object('outletCode', 'DA00' || (1 + m % 4),
                                        'pollutantCode', 'a2' || (1000 + m % 5), 'method', '自动',
                                        'frequency', '自动监测', 'networked', true))
                                     FROM generate_series(1, 20 + 0 * g) m),
                                'executionReports', jsonb_build_array('年度执行报告', '季度执行报告'),
                                'specialPeriods', '[]'::jsonb) AS obligations) o""").bind("from", from).bind("to", to).then().block();
    }
}
