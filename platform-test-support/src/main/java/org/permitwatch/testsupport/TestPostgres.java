package org.permitwatch.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL server per JVM (zonky embedded binaries), started on first use and stopped when the JVM
 * exits. Each test class asks for a fresh database, so tests never see each other's rows and Spring's context
 * cache cannot mix schemas.
 */
public final class TestPostgres {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile EmbeddedPostgres server;

    private TestPostgres() {}

    /** Connection settings of one test database. */
    public record Database(String name, String host, int port, String username, String password) {

        public String r2dbcUrl() {
            return "r2dbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }
    }

    /** The running server, started lazily. */
    public static EmbeddedPostgres server() {
        EmbeddedPostgres current = server;
        if (current == null) {
            synchronized (TestPostgres.class) {
                current = server;
                if (current == null) {
                    current = start();
                    server = current;
                }
            }
        }
        return current;
    }

    /** Creates an empty database named {@code <prefix>_<n>} and returns how to reach it. */
    public static Database newDatabase(String prefix) {
        String safePrefix = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = safePrefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        EmbeddedPostgres pg = server();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new Database(name, "localhost", pg.getPort(), "postgres", "postgres");
    }

    /**
     * Points a Spring test context at a fresh database: {@code spring.r2dbc.*} for the application and
     * {@code spring.flyway.*} for the migrations.
     */
    public static Database register(DynamicPropertyRegistry registry, String prefix) {
        Database db = newDatabase(prefix);
        registry.add("spring.r2dbc.url", db::r2dbcUrl);
        registry.add("spring.r2dbc.username", db::username);
        registry.add("spring.r2dbc.password", db::password);
        registry.add("spring.flyway.url", db::jdbcUrl);
        registry.add("spring.flyway.user", db::username);
        registry.add("spring.flyway.password", db::password);
        return db;
    }

    private static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    // Tests insert in bursts; durability of a throwaway cluster buys nothing.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    pg.close();
                                } catch (IOException ignored) {
                                    // the JVM is exiting; zonky also cleans its data directory on the next start
                                }
                            },
                            "test-postgres-shutdown"));
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not start embedded PostgreSQL "
                            + "(is java.io.tmpdir writable? the parent pom points it at target/tmp)",
                    e);
        }
    }
}
