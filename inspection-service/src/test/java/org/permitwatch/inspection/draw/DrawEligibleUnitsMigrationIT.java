package org.permitwatch.inspection.draw;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.draw.DrawAlgorithm.Candidate;
import org.permitwatch.testsupport.TestPostgres;
import tools.jackson.databind.json.JsonMapper;

/**
 * V97 (ADR 0048): draws recorded before it, with their eligible units as jsonb, keep the same population as the
 * canonical text, so their fingerprints still match and they still verify.
 */
class DrawEligibleUnitsMigrationIT {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void recordedDrawsKeepTheirPopulationAsTheFingerprintedText() throws SQLException {
        TestPostgres.Database db = TestPostgres.newDatabase("draw_v97");
        migrate(db, "96");

        // a population as the old code stored it: jsonb in no particular order (one stratum after another)
        List<Candidate> units = new ArrayList<>();
        for (int i = 30; i >= 1; i--) {
            units.add(new Candidate(String.format("MIG%03d", i), i % 4, i % 10 == 0 ? "SPECIAL" : "GENERAL"));
        }
        units.add(new Candidate("MIG-A", 7, "KEY"));
        UUID completed = UUID.randomUUID();
        UUID empty = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        try (Connection c = connect(db)) {
            insertDraw(c, completed, "COMPLETED", json.writeValueAsString(units), Fingerprints.units(units));
            insertDraw(c, empty, "COMPLETED", "[]", Fingerprints.units(List.of()));
            insertDraw(c, committed, "COMMITTED", null, null);
        }

        migrate(db, "97");

        try (Connection c = connect(db);
                PreparedStatement q = c.prepareStatement(
                        "SELECT eligible_units, eligible_count, eligible_fingerprint FROM draw WHERE id = ?")) {
            Stored old = read(q, completed);
            // "MIG-A" < "MIG001": '-' (0x2D) sorts before '0' (0x30), as in Java's String order
            assertThat(old.lines())
                    .startsWith("MIG-A\t7\tKEY\nMIG001\t1\tGENERAL\nMIG002\t2\tGENERAL\n")
                    .isEqualTo(Fingerprints.unitLines(units));
            assertThat(old.count()).isEqualTo(31);
            assertThat(Fingerprints.unitsOfLines(old.lines())).isEqualTo(old.fingerprint());
            assertThat(Fingerprints.parseUnitLines(old.lines())).containsExactlyInAnyOrderElementsOf(units);

            Stored none = read(q, empty);
            assertThat(none.lines()).isEmpty();
            assertThat(none.count()).isZero();
            assertThat(Fingerprints.unitsOfLines(none.lines())).isEqualTo(none.fingerprint());

            Stored draft = read(q, committed);
            assertThat(draft.lines()).isNull();
            assertThat(draft.count()).isNull();

            try (Statement st = c.createStatement();
                    ResultSet r = st.executeQuery("SELECT count(*) FROM information_schema.columns "
                            + "WHERE table_name = 'draw' AND column_name = 'eligible'")) {
                r.next();
                assertThat(r.getInt(1))
                        .as("the jsonb column is gone: one record of the population")
                        .isZero();
            }
        }
    }

    private record Stored(String lines, Integer count, String fingerprint) {}

    private static Stored read(PreparedStatement q, UUID id) throws SQLException {
        q.setObject(1, id);
        try (ResultSet r = q.executeQuery()) {
            assertThat(r.next()).isTrue();
            int count = r.getInt(2);
            return new Stored(r.getString(1), r.wasNull() ? null : count, r.getString(3));
        }
    }

    private static void insertDraw(Connection c, UUID id, String status, String eligible, String fingerprint)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO draw (id, city_code, period_month, status, seed_hash, created_by, level, division_code,
                                  eligible, eligible_fingerprint)
                VALUES (?, '140000', '2026-03', ?, repeat('0', 64), 'test', 'PROVINCE', '140000', CAST(? AS jsonb), ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, status);
            insert.setString(3, eligible);
            insert.setString(4, fingerprint);
            insert.executeUpdate();
        }
    }

    /** Up to {@code target}, i.e. the last migration at or below it (Flyway wants a target that exists). */
    private static void migrate(TestPostgres.Database db, String target) {
        MigrationVersion limit = MigrationVersion.fromVersion(target);
        MigrationVersion last = Arrays.stream(
                        flyway(db, MigrationVersion.LATEST).info().all())
                .map(MigrationInfo::getVersion)
                .filter(v -> v.compareTo(limit) <= 0)
                .max(MigrationVersion::compareTo)
                .orElseThrow();
        flyway(db, last).migrate();
    }

    private static Flyway flyway(TestPostgres.Database db, MigrationVersion target) {
        return Flyway.configure()
                .dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/migration")
                .target(target)
                .load();
    }

    private static Connection connect(TestPostgres.Database db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}
