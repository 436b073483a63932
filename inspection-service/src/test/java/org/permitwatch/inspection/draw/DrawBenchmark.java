package org.permitwatch.inspection.draw;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
 * (draw incl. commit, tasks and outbox; then verification), heap peak and process peak RSS.
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
                "--server.port=0",
                "--eureka.client.enabled=false",
                "--spring.kafka.admin.auto-create=false",
                "--spring.kafka.bootstrap-servers=127.0.0.1:1",
                "--permitwatch.outbox.relay-enabled=false",
                // Draws never touch the evidence store; the secret has no default outside a real deployment.
                "--permitwatch.evidence.s3.secret-key=draw-benchmark-unused",
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
            UUID planId = new UUID(0, 1);
            for (int round = 0; round <= rounds; round++) {
                YearMonth month = YearMonth.of(year, round + 1);
                resetPeaks();
                long start = System.nanoTime();
                UUID drawId = draws.draw(new DrawService.Request(planId, 1, month, List.of(), null, null), caller)
                        .block();
                long drawMs = (System.nanoTime() - start) / 1_000_000;
                DrawViews.Draw draw = draws.find(drawId, caller).block();
                start = System.nanoTime();
                DrawViews.Verification verification =
                        draws.verify(drawId, caller).block();
                long verifyMs = (System.nanoTime() - start) / 1_000_000;
                System.out.printf(
                        "%s %s: eligible %,d, drawn %,d units/tasks, draw %,d ms, verification %,d ms "
                                + "(identical=%s), heap peak %,d MB%n",
                        round == 0 ? "warm-up" : "round " + round,
                        month,
                        draw.eligibleCount(),
                        draw.units().size(),
                        drawMs,
                        verifyMs,
                        verification.identical(),
                        heapPeakMb());
            }
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
