package org.permitwatch.inspection.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.testsupport.TestPostgres;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The one rule of who may be sent to a unit (draws, manual tasks, alert tasks and clue tasks all ask InspectorPool):
 * on post, of the unit's division, no declared conflict with the unit. No Spring context: the pool on the service's
 * Flyway schema in embedded PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InspectorPoolIT {

    static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    static final UUID C = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    static final UUID D = UUID.fromString("00000000-0000-0000-0000-00000000000d");
    static final UUID E = UUID.fromString("00000000-0000-0000-0000-00000000000e");

    InspectorPool pool;

    @BeforeAll
    void seed() throws Exception {
        TestPostgres.Database database = TestPostgres.newDatabase("inspector_pool");
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO inspector (id, certificate_no, name, division_code, on_post) VALUES
                    ('%s', 'C-A', '甲', '140105', true),
                    ('%s', 'C-B', '乙', '140105', false),
                    ('%s', 'C-C', '丙', '140202', true),
                    ('%s', 'C-D', '丁', '140106', true),
                    ('%s', 'C-E', '戊', '140100', true)""".formatted(A, B, C, D, E));
            s.execute("INSERT INTO inspector_conflict (inspector_id, permit_number, reason) VALUES ('%s', 'P1', '亲属任职')"
                    .formatted(D));
        }
        pool = new InspectorPool(
                DatabaseClient.create(new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                        .host(database.host())
                        .port(database.port())
                        .database(database.name())
                        .username(database.username())
                        .password(database.password())
                        .build())));
    }

    @Test
    void onPostInTheDivisionWithoutAConflict() {
        // Taiyuan (1401): A, D, E on post (B is off post, C is in Datong); D declared a conflict with P1.
        assertThat(pool.eligibleFor("1401")
                        .map(InspectorCandidate::id)
                        .collectList()
                        .block())
                .containsExactly(A, D, E);
        assertThat(pool.assignableTo("1401", "P1")
                        .map(InspectorCandidate::id)
                        .collectList()
                        .block())
                .containsExactly(A, E);
        assertThat(pool.assignableTo("1401", "P2")
                        .map(InspectorCandidate::id)
                        .collectList()
                        .block())
                .containsExactly(A, D, E);
        // A county's own draw: only 小店 (140105).
        assertThat(pool.eligibleFor("140105")
                        .map(InspectorCandidate::id)
                        .collectList()
                        .block())
                .containsExactly(A);
    }

    @Test
    void handPickedInspectorsAreCheckedByTheSameRule() {
        assertThat(pool.requireAssignable(List.of(A, E), "140105", "P1").blockOptional())
                .isEmpty();
        // B off post, C another city, D a conflict: each named by its index.
        assertThatThrownBy(() -> pool.requireAssignable(List.of(A, B, C, D), "140100", "P1")
                        .block())
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors())
                                .extracting(org.permitwatch.support.problem.FieldProblem::field)
                                .containsExactly("inspectorIds[1]", "inspectorIds[2]", "inspectorIds[3]"));
    }
}
