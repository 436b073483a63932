package org.permitwatch.reporting.unit;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.permitwatch.reporting.catalog.DivisionNames;
import org.permitwatch.reporting.catalog.ReportingProperties;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.testsupport.TestPostgres;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A unit with a long history (more rows than the page lists): totals and the quarter strip must count all of it.
 * No Spring context: the query against the real read-model schema (Flyway) in embedded PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnitHistoryQueryIT {

    static final String P = "91140100MA0LONG001P001V";
    static final String COUNTY = "140105";

    UnitHistoryQuery query;

    @BeforeAll
    void seed() throws Exception {
        TestPostgres.Database database = TestPostgres.newDatabase("unit_history");
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement s = c.createStatement()) {
            // 520 old inspections (2020-01-01 … 2021-06-03), all before the strip's window.
            s.execute("""
                    INSERT INTO rm_inspection (record_id, version, permit_number, unit_name, city_code, county_code,
                        key_industry, inspected_at, submitted_at, compliant, non_compliant, not_applicable, not_checked,
                        exceedances)
                    SELECT gen_random_uuid(), 1, '%s', '长历史单位', '140100', '%s', 'OTHER',
                           TIMESTAMPTZ '2020-01-01 10:00+08' + i * interval '1 day',
                           TIMESTAMPTZ '2020-01-01 12:00+08' + i * interval '1 day', 10, 0, 0, 0, 0
                    FROM generate_series(0, 519) i""".formatted(P, COUNTY));
            // 510 old cases, each fined 1,000 yuan the day after; every even-numbered one's rectification is open.
            s.execute("""
                    INSERT INTO rm_case (case_id, case_no, case_version, permit_number, unit_name, city_code,
                        county_code, key_industry, violation_type, article, origin, opened_at)
                    SELECT ('00000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid, 'OLD-' || i, 1, '%s',
                           '长历史单位', '140100', '%s', 'OTHER', 'LEDGER_INCOMPLETE', '第三十七条第（一）项', 'INSPECTION',
                           TIMESTAMPTZ '2020-01-01 10:00+08' + i * interval '1 day'
                    FROM generate_series(0, 509) i""".formatted(P, COUNTY));
            s.execute("""
                    INSERT INTO rm_penalty (decision_id, case_id, kind, amount_yuan, decided_at, permit_number,
                        city_code, county_code, key_industry)
                    SELECT gen_random_uuid(), ('00000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid, 'FINE',
                           1000.00, TIMESTAMPTZ '2020-01-02 10:00+08' + i * interval '1 day', '%s', '140100', '%s',
                           'OTHER'
                    FROM generate_series(0, 509) i""".formatted(P, COUNTY));
            s.execute("""
                    INSERT INTO rm_rectification (rectification_id, case_id, permit_number, city_code, county_code,
                        key_industry, ordered_on, deadline, completed_at)
                    SELECT gen_random_uuid(), ('00000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid, '%s',
                           '140100', '%s', 'OTHER', DATE '2020-01-01' + i, DATE '2020-01-31' + i,
                           CASE WHEN i %% 2 = 0 THEN NULL ELSE TIMESTAMPTZ '2020-01-20 10:00+08' + i * interval '1 day' END
                    FROM generate_series(0, 509) i""".formatted(P, COUNTY));
            // The strip's recent facts, on quarter boundaries in Beijing time (UTC+8):
            // A 2026-03-31 23:30+08 (15:30Z, still Q1 here), compliant;
            // B 2026-04-01 00:30+08 (2026-03-31 16:30Z, Q2 here), 2 findings, case B fined 50,000, rectification
            //   completed 2026-07-02 — after Q2's end, so Q2 is UNRESOLVED;
            // C 2026-08-15, 1 finding, case C not fined (NO_PENALTY, 0), rectified 2026-08-20 — Q3 is VIOLATION.
            s.execute("""
                    INSERT INTO rm_inspection (record_id, version, permit_number, unit_name, city_code, county_code,
                        key_industry, inspected_at, submitted_at, compliant, non_compliant, not_applicable, not_checked,
                        exceedances) VALUES
                    ('aaaaaaaa-0000-0000-0000-000000000001', 1, '%1$s', '长历史单位', '140100', '%2$s', 'OTHER',
                     '2026-03-31 23:30+08', '2026-04-01 09:00+08', 10, 0, 0, 0, 0),
                    ('aaaaaaaa-0000-0000-0000-000000000002', 1, '%1$s', '长历史单位', '140100', '%2$s', 'OTHER',
                     '2026-04-01 00:30+08', '2026-04-01 09:00+08', 8, 2, 0, 0, 0),
                    ('aaaaaaaa-0000-0000-0000-000000000003', 1, '%1$s', '长历史单位', '140100', '%2$s', 'OTHER',
                     '2026-08-15 10:00+08', '2026-08-15 12:00+08', 9, 1, 0, 0, 0)""".formatted(P, COUNTY));
            s.execute("""
                    INSERT INTO rm_finding (finding_id, status, status_rank, record_id, record_version, permit_number,
                        unit_name, city_code, county_code, key_industry, item_no, violation_type, article,
                        inspected_at, recorded_at) VALUES
                    ('bbbbbbbb-0000-0000-0000-000000000001', 'ACTIVE', 1, 'aaaaaaaa-0000-0000-0000-000000000002', 1,
                     '%1$s', '长历史单位', '140100', '%2$s', 'OTHER', 3, 'EXCEEDING_LIMITS', '第三十四条第（一）项',
                     '2026-04-01 00:30+08', '2026-04-01 09:00+08'),
                    ('bbbbbbbb-0000-0000-0000-000000000002', 'ACTIVE', 1, 'aaaaaaaa-0000-0000-0000-000000000002', 1,
                     '%1$s', '长历史单位', '140100', '%2$s', 'OTHER', 8, 'LEDGER_INCOMPLETE', '第三十七条第（一）项',
                     '2026-04-01 00:30+08', '2026-04-01 09:00+08'),
                    ('bbbbbbbb-0000-0000-0000-000000000003', 'ACTIVE', 1, 'aaaaaaaa-0000-0000-0000-000000000003', 1,
                     '%1$s', '长历史单位', '140100', '%2$s', 'OTHER', 9, 'REPORT_IRREGULAR', '第三十七条第（三）项',
                     '2026-08-15 10:00+08', '2026-08-15 12:00+08'),
                    ('bbbbbbbb-0000-0000-0000-000000000004', 'SUPERSEDED', 0, 'aaaaaaaa-0000-0000-0000-000000000003', 1,
                     '%1$s', '长历史单位', '140100', '%2$s', 'OTHER', 9, 'REPORT_IRREGULAR', '第三十七条第（三）项',
                     '2026-08-15 10:00+08', '2026-08-15 11:00+08')""".formatted(P, COUNTY));
            s.execute("""
                    INSERT INTO rm_case (case_id, case_no, case_version, permit_number, unit_name, city_code,
                        county_code, key_industry, violation_type, article, origin, finding_id, record_id, opened_at)
                    VALUES
                    ('cccccccc-0000-0000-0000-00000000000b', 'B', 1, '%1$s', '长历史单位', '140100', '%2$s', 'OTHER',
                     'EXCEEDING_LIMITS', '第三十四条第（一）项', 'INSPECTION', 'bbbbbbbb-0000-0000-0000-000000000001',
                     'aaaaaaaa-0000-0000-0000-000000000002', '2026-04-02 10:00+08'),
                    ('cccccccc-0000-0000-0000-00000000000c', 'C', 1, '%1$s', '长历史单位', '140100', '%2$s', 'OTHER',
                     'REPORT_IRREGULAR', '第三十七条第（三）项', 'INSPECTION', 'bbbbbbbb-0000-0000-0000-000000000003',
                     'aaaaaaaa-0000-0000-0000-000000000003', '2026-08-16 10:00+08')""".formatted(P, COUNTY));
            s.execute("""
                    INSERT INTO rm_penalty (decision_id, case_id, kind, no_penalty_rule, amount_yuan, decided_at,
                        permit_number, city_code, county_code, key_industry) VALUES
                    (gen_random_uuid(), 'cccccccc-0000-0000-0000-00000000000b', 'FINE', NULL, 50000.00,
                     '2026-05-10 10:00+08', '%1$s', '140100', '%2$s', 'OTHER'),
                    (gen_random_uuid(), 'cccccccc-0000-0000-0000-00000000000c', 'NO_PENALTY', 'FIRST_MINOR_EXECUTION_REPORT',
                     0.00, '2026-08-25 10:00+08', '%1$s', '140100', '%2$s', 'OTHER')""".formatted(P, COUNTY));
            s.execute("""
                    INSERT INTO rm_rectification (rectification_id, case_id, permit_number, city_code, county_code,
                        key_industry, ordered_on, deadline, completed_at, completed_on_time) VALUES
                    (gen_random_uuid(), 'cccccccc-0000-0000-0000-00000000000b', '%1$s', '140100', '%2$s', 'OTHER',
                     '2026-04-02', '2026-06-20', '2026-07-02 10:00+08', false),
                    (gen_random_uuid(), 'cccccccc-0000-0000-0000-00000000000c', '%1$s', '140100', '%2$s', 'OTHER',
                     '2026-08-16', '2026-08-30', '2026-08-20 10:00+08', true)""".formatted(P, COUNTY));
        }
        DatabaseClient db =
                DatabaseClient.create(new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                        .host(database.host())
                        .port(database.port())
                        .database(database.name())
                        .username(database.username())
                        .password(database.password())
                        .build()));
        ReportingProperties properties = new ReportingProperties(
                new ClassPathResource("reporting/divisions-shanxi.json"), "汇总表", "计划表", 1831, 12);
        query = new UnitHistoryQuery(
                db,
                new DivisionNames(properties, JsonMapper.builder().build()),
                properties,
                new BureauClock(Clock.systemUTC(), ZoneId.of("Asia/Shanghai")));
    }

    UnitHistory history() {
        return query.history(P, DivisionCode.of(COUNTY), LocalDate.of(2026, 12, 31))
                .block();
    }

    @Test
    void totalsCountTheWholeHistoryNotTheListedRows() {
        UnitHistory h = history();
        UnitHistory.Totals t = h.totals();
        // inspections: 520 old + A, B, C = 523; the page lists the newest 500.
        assertThat(t.inspections()).isEqualTo(523);
        assertThat(h.inspections()).hasSize(500);
        assertThat(h.listLimit()).isEqualTo(500);
        // violations: ACTIVE findings only — B's two and C's one = 3 (C's SUPERSEDED one is not counted).
        assertThat(t.violations()).isEqualTo(3);
        // cases: 510 old + B + C = 512; fines: 510 × 1,000 + 50,000 + 0 = 560,000.00 yuan.
        assertThat(t.cases()).isEqualTo(512);
        assertThat(t.fineYuan()).isEqualByComparingTo(new BigDecimal("560000.00"));
        // open rectifications: old cases 0, 2, …, 508 = 255; B and C are completed.
        assertThat(t.openRectifications()).isEqualTo(255);
    }

    @Test
    void theNewestCasesCarryTheirDecisions() {
        List<UnitHistory.Case> cases = history().cases();
        assertThat(cases).hasSize(500);
        assertThat(cases.get(0).caseNo()).isEqualTo("C");
        assertThat(cases.get(0).penalties())
                .extracting(UnitHistory.Penalty::kind)
                .containsExactly("NO_PENALTY");
        assertThat(cases.get(1).caseNo()).isEqualTo("B");
        assertThat(cases.get(1).fineYuan()).isEqualByComparingTo("50000.00");
        assertThat(cases.get(1).rectifications())
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo("COMPLETED"));
        // 510 + 2 = 512 cases, the newest 500 listed: 512 − 500 = 12 oldest (OLD-0 … OLD-11) fall off, OLD-12 is last.
        assertThat(cases.get(499).caseNo()).isEqualTo("OLD-12");
        assertThat(cases.get(499).fineYuan()).isEqualByComparingTo("1000.00");
    }

    @Test
    void quarterStripCountsInTheBureausZone() {
        UnitHistory h = history();
        // 12 quarters ending with 2026Q4: 2024Q1 … 2026Q4.
        assertThat(h.quarters()).hasSize(12);
        assertThat(h.quarters().get(0).quarter()).isEqualTo("2024Q1");
        List<UnitHistory.Quarter> last4 = h.quarters().subList(8, 12);
        assertThat(last4)
                .extracting(UnitHistory.Quarter::quarter)
                .containsExactly("2026Q1", "2026Q2", "2026Q3", "2026Q4");
        assertThat(last4)
                .extracting(UnitHistory.Quarter::status)
                .containsExactly("INSPECTED_COMPLIANT", "UNRESOLVED", "VIOLATION", "NOT_INSPECTED");
        assertThat(last4).extracting(UnitHistory.Quarter::inspections).containsExactly(1L, 1L, 1L, 0L);
        assertThat(last4).extracting(UnitHistory.Quarter::violations).containsExactly(0L, 2L, 1L, 0L);
        assertThat(h.totals().quartersInViolation()).isEqualTo(2);
        assertThat(h.quarters().subList(0, 8))
                .allSatisfy(q -> assertThat(q.status()).isEqualTo("NOT_INSPECTED"));
    }

    @Test
    void asOfBeforeTheCorrectionMakesQ3Unresolved() {
        // As of 2026-08-18 C's rectification (completed 08-20) is not done yet: Q3 becomes UNRESOLVED.
        UnitHistory h = query.history(P, DivisionCode.of(COUNTY), LocalDate.of(2026, 8, 18))
                .block();
        UnitHistory.Quarter q3 = h.quarters().get(h.quarters().size() - 1);
        assertThat(q3.quarter()).isEqualTo("2026Q3");
        assertThat(q3.status()).isEqualTo("UNRESOLVED");
    }

    @Test
    void anotherCountySeesNothing() {
        assertThat(query.history(P, DivisionCode.of("140106"), LocalDate.of(2026, 12, 31))
                        .blockOptional())
                .isEmpty();
    }
}
