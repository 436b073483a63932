package org.permitwatch.inspection.draw;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Year;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.permitwatch.inspection.InspectionApplication;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.permitwatch.testsupport.TestJwts;
import org.permitwatch.testsupport.TestPostgres;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Benchmark (not a test; run by {@code bench/draw-benchmark.sh}): draws over a 100,000-unit directory of one city and
 * industry with 500 inspectors, through the real service code against embedded PostgreSQL. Prints per-draw latency
 * (draw incl. commit, tasks and outbox; then verification), heap peak and process peak RSS. After each draw, in the
 * same run, the plain-SQL equivalent (issue 21's 63 ms figure): the same population query and the same task,
 * {@code task_inspector} and outbox inserts for the units the draw picked, as a handful of set-based statements over
 * JDBC in one transaction that is rolled back. Per draw it also prints the CPU time the JVM and PostgreSQL spent (from
 * /proc): on a machine shared with other builds that is the figure to compare, not the wall time.
 */
public final class DrawBenchmark {

    private DrawBenchmark() {}

    public static void main(String[] args) throws Exception {
        int units = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int inspectors = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        String ratio = args.length > 2 ? args[2] : "0.02";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;

        TestPostgres.Database database = TestPostgres.newDatabase("drawbench");
        SpringApplication app = new SpringApplication(InspectionApplication.class);
        ConfigurableApplicationContext context = app.run(
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
                "--spring.kafka.admin.auto-create=false",
                "--spring.kafka.bootstrap-servers=127.0.0.1:1",
                "--permitwatch.outbox.relay-enabled=false",
                // Draws never touch the evidence store; the secret has no default outside a real deployment.
                "--permitwatch.evidence.s3.secret-key=draw-benchmark-unused",
                // no broker: the consumers stay stopped instead of retrying (and logging) in the measured JVM
                "--spring.kafka.listener.auto-startup=false",
                "--logging.level.org.apache.kafka=OFF",
                "--logging.level.root=WARN");
        try {
            DatabaseClient db = context.getBean(DatabaseClient.class);
            DrawService draws = context.getBean(DrawService.class);
            int year = Year.now().getValue() + 1;
            long t0 = System.nanoTime();
            seed(db, units, inspectors, ratio, year);
            System.out.printf(
                    "seeded %,d units (1%% SPECIAL, 20%% KEY, 79%% GENERAL; 5%% positive list; 10%% inspected "
                            + "recently) and %d inspectors (%d conflicts) in %.1f s%n",
                    units, inspectors, inspectors * 2, (System.nanoTime() - t0) / 1e9);

            Caller caller = new Caller("bench", "bench", Set.of(Role.CITY), DivisionCode.of("140100"), Set.of());
            Connection jdbc = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
            long postmaster = postmaster(jdbc);
            UUID planId = new UUID(0, 1);
            for (int round = 0; round <= rounds; round++) {
                YearMonth month = YearMonth.of(year, round + 1);
                resetPeaks();
                long jvmCpu0 = jvmCpuNanos();
                long jit0 = jitMillis();
                long pgCpu0 = postgresCpuMillis(postmaster);
                long start = System.nanoTime();
                UUID drawId = draws.draw(new DrawService.Request(planId, 1, month, List.of(), null, null), caller)
                        .block();
                long drawMs = (System.nanoTime() - start) / 1_000_000;
                long jvmCpuMs = (jvmCpuNanos() - jvmCpu0) / 1_000_000;
                long jitMs = jitMillis() - jit0;
                long pgCpuMs = postgresCpuMillis(postmaster) - pgCpu0;
                long heapPeak = heapPeakMb();
                pgCpu0 = postgresCpuMillis(postmaster);
                start = System.nanoTime();
                int sqlTasks = plainSql(jdbc, drawId, year);
                long sqlMs = (System.nanoTime() - start) / 1_000_000;
                long sqlPgCpuMs = postgresCpuMillis(postmaster) - pgCpu0;
                DrawViews.Draw draw = draws.find(drawId, caller).block();
                start = System.nanoTime();
                DrawViews.Verification verification =
                        draws.verify(drawId, caller).block();
                long verifyMs = (System.nanoTime() - start) / 1_000_000;
                System.out.printf(
                        "%s %s: eligible %,d, drawn %,d units/tasks, draw %,d ms (CPU: JVM %,d ms, its JIT %,d ms, + PostgreSQL %,d ms),"
                                + " plain SQL %,d ms for %,d tasks (PostgreSQL CPU %,d ms) = draw/SQL %.1f×,"
                                + " verification %,d ms (identical=%s), heap peak %,d MB, load %s%n",
                        round == 0 ? "warm-up" : "round " + round,
                        month,
                        draw.eligibleCount(),
                        draw.units().size(),
                        drawMs,
                        jvmCpuMs,
                        jitMs,
                        pgCpuMs,
                        sqlMs,
                        sqlTasks,
                        sqlPgCpuMs,
                        drawMs / (double) Math.max(1, sqlMs),
                        verifyMs,
                        verification.identical(),
                        heapPeak,
                        loadAverage());
            }
            jdbc.close();
            System.out.printf(
                    "process peak RSS (VmHWM): %s, max heap %,d MB%n",
                    vmHwm(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        } finally {
            context.close();
        }
    }

    private static void seed(DatabaseClient db, int units, int inspectors, String ratio, int year) {
        db.sql("""
                        INSERT INTO directory_unit (permit_number, unit_name, division_code, snapshot, source_event, uscc,
                               city_code, county_code, industry_code, key_industry, management_category, status,
                               without_permit, source_type, positive_list, version, last_inspected_at)
                        SELECT 'BENCH' || lpad(g::text, 7, '0'), '基准单位' || g, '1401' || lpad((5 + g % 10)::text, 2, '0'),
                               '{}'::jsonb, 'bench', '9114', '140100', '1401' || lpad((5 + g % 10)::text, 2, '0'), '2521',
                               'COKING', CASE WHEN g % 3 = 0 THEN 'SIMPLIFIED' ELSE 'KEY' END, 'VALID', false,
                               CASE WHEN g % 100 = 0 THEN 'SPECIAL' WHEN g % 5 = 1 THEN 'KEY' ELSE 'GENERAL' END,
                               g % 20 = 7, 1 + g % 4,
                               CASE WHEN g % 10 = 3 THEN now() - interval '30 days' END
                        FROM generate_series(1, :n) g""").bind("n", units).then().block();
        db.sql("""
                        INSERT INTO inspector (id, certificate_no, name, division_code, on_post)
                        SELECT md5('inspector' || g)::uuid, 'CERT' || g, '执法员' || g,
                               '1401' || lpad((g % 11)::text, 2, '0'), g % 25 <> 0
                        FROM generate_series(1, :n) g""").bind("n", inspectors).then().block();
        db.sql("""
                        INSERT INTO inspector_conflict (inspector_id, permit_number, reason)
                        SELECT md5('inspector' || (1 + g % :n))::uuid, 'BENCH' || lpad((g * 37 % :u + 1)::text, 7, '0'), 'bench'
                        FROM generate_series(1, 2 * :n) g ON CONFLICT DO NOTHING""").bind("n", inspectors).bind("u", units).then().block();
        db.sql("""
                        INSERT INTO inspection_plan (id, city_code, plan_year, title, status, capacity, created_by,
                                                     division_code)
                        VALUES ('00000000-0000-0000-0000-000000000001', '140100', :y, 'bench', 'PUBLISHED', '{}', 'bench',
                                '140100')""").bind("y", year).then().block();
        db.sql("""
                        INSERT INTO plan_row (id, plan_id, row_no, key_industry, category, method, double_random, ratio,
                                              frequency_period, frequency_times, denominator, units_per_round,
                                              ratio_key, ratio_general, ratio_special)
                        VALUES ('00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000001', 1, 'COKING',
                                'DOUBLE_RANDOM', 'SAMPLING', true, CAST(:r AS numeric), 'MONTH', 1, :n, 0,
                                CAST(:r AS numeric), CAST(:r AS numeric), 1)""").bind("r", ratio).bind("n", units).then().block();
        db.sql("""
                        INSERT INTO plan_row_month (row_id, month, rounds, planned_units)
                        SELECT '00000000-0000-0000-0000-000000000002', m, 1, 0 FROM generate_series(1, 12) m""").then().block();
        db.sql("ANALYZE").then().block();
    }

    /**
     * The plain-SQL equivalent of a draw's database work, for the units {@code drawId} picked: the population query
     * (the same SQL as DrawService's, fetched to the client; "holds a task" in the same hashed IN form, so the ratio
     * compares like with like), then the tasks, their inspectors and one outbox row per
     * task as set-based INSERTs — one transaction, rolled back so the next draw sees the same state. Returns the
     * number of tasks inserted (= units drawn).
     */
    private static int plainSql(Connection jdbc, UUID drawId, int year) throws Exception {
        jdbc.setAutoCommit(false);
        try (PreparedStatement population = jdbc.prepareStatement("""
                        SELECT u.permit_number, COALESCE(u.version, 0) AS version,
                               COALESCE(u.source_type, 'GENERAL') AS stratum, COALESCE(u.positive_list, false) AS positive,
                               (u.last_inspected_at IS NOT NULL AND u.last_inspected_at >= now() - interval '180 days')
                                   AS recent,
                               u.permit_number IN (SELECT t.permit_number FROM inspection_task t
                                       WHERE t.status <> 'CANCELLED'
                                       AND (t.period_month >= to_char(now() - interval '180 days', 'YYYY-MM') OR t.status IN ('ASSIGNED', 'IN_PROGRESS'))) AS tasked
                        FROM directory_unit u
                        WHERE u.city_code = '140100' AND u.key_industry = 'COKING' AND u.status = 'VALID'
                          AND u.management_category IN ('KEY', 'SIMPLIFIED')""");
                Statement st = jdbc.createStatement()) {
            int rows = 0;
            try (ResultSet r = population.executeQuery()) {
                while (r.next()) {
                    r.getString(1);
                    r.getLong(2);
                    r.getString(3);
                    r.getBoolean(4);
                    r.getBoolean(5);
                    r.getBoolean(6);
                    rows++;
                }
            }
            if (rows == 0) {
                throw new IllegalStateException("empty population");
            }
            String picks = "SELECT p ->> 'permitNumber' AS permit, p -> 'inspectors' AS inspectors FROM draw d, "
                    + "jsonb_array_elements(d.result) p WHERE d.id = '" + drawId + "'";
            int tasks = st.executeUpdate("""
                    INSERT INTO inspection_task (id, permit_number, division_code, city_code, origin, draw_id, plan_id,
                                                 method, due_date, period_month, status, departments, created_by)
                    SELECT gen_random_uuid(), u.permit_number, u.division_code, '140100', 'DRAW', '%s',
                           '00000000-0000-0000-0000-000000000001', 'ON_SITE', DATE '%d-12-31', '2099-12', 'ASSIGNED',
                           ARRAY['bench'], 'bench'
                    FROM (%s) p JOIN directory_unit u ON u.permit_number = p.permit""".formatted(drawId, year, picks));
            st.executeUpdate("""
                    INSERT INTO task_inspector (task_id, inspector_id)
                    SELECT t.id, CAST(i AS uuid) FROM (%s) p
                    JOIN inspection_task t ON t.permit_number = p.permit AND t.period_month = '2099-12'
                    CROSS JOIN LATERAL jsonb_array_elements_text(p.inspectors) i""".formatted(picks));
            st.executeUpdate("""
                    INSERT INTO outbox_event (id, topic, message_key, event_type, subject, source, occurred_at, payload)
                    SELECT gen_random_uuid(), 'inspection.task.events.v1', t.id::text, 'TaskAssigned', NULL, 'bench',
                           now(), jsonb_build_object('taskId', t.id, 'permitNumber', t.permit_number,
                               'divisionCode', t.division_code, 'cityCode', t.city_code, 'origin', t.origin,
                               'drawId', t.draw_id, 'planId', t.plan_id, 'method', t.method, 'dueDate', t.due_date,
                               'periodMonth', t.period_month, 'departments', to_jsonb(t.departments),
                               'inspectorIds', (SELECT jsonb_agg(ti.inspector_id ORDER BY ti.inspector_id)
                                                FROM task_inspector ti WHERE ti.task_id = t.id), 'merged', false)
                    FROM inspection_task t WHERE t.period_month = '2099-12' ORDER BY t.permit_number""");
            return tasks;
        } finally {
            jdbc.rollback();
            jdbc.setAutoCommit(true);
        }
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Time the JIT compilers spent compiling (HotSpot's accumulated figure, ms). On a cold JVM a good part of the
     * JVM's CPU is this, on the compiler threads, beside the draw itself.
     */
    private static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** The embedded server's postmaster: the parent of a backend process. */
    private static long postmaster(Connection jdbc) throws Exception {
        try (Statement st = jdbc.createStatement();
                ResultSet r = st.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            return Long.parseLong(stat(r.getLong(1))[1]);
        }
    }

    /** CPU time (user + system) of the postmaster and its child processes (the backends), in ms. */
    private static long postgresCpuMillis(long postmaster) throws Exception {
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    long pid = Long.parseLong(p.getFileName().toString());
                    String[] f = stat(pid);
                    if (pid == postmaster || Long.parseLong(f[1]) == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (Exception gone) {
                    // the process ended between the listing and the read
                }
            }
        }
        return ticks * 10; // USER_HZ = 100
    }

    /** Fields of /proc/PID/stat after the command name: [0] = state, [1] = ppid, [11] = utime, [12] = stime. */
    private static String[] stat(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static String loadAverage() throws Exception {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long heapPeakMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }

    private static String vmHwm() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.substring(6).trim())
                .findFirst()
                .orElse("n/a");
    }
}
