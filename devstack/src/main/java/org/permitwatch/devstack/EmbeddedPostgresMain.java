package org.permitwatch.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Local PostgreSQL for run.sh: a zonky embedded server on a fixed port whose data directory survives
 * restarts, with one database per service.
 * <pre>
 * EmbeddedPostgresMain --port 54320 --data-dir .local/data/postgres --databases permit_sync,inspection,liaison,reporting
 * </pre>
 * Run with {@code -Djava.io.tmpdir=<writable dir>}: zonky unpacks the PostgreSQL binaries there.
 */
public final class EmbeddedPostgresMain {

    static final String READY_PREFIX = "postgres ready on ";

    private EmbeddedPostgresMain() {}

    public static void main(String[] args) throws Exception {
        CommandLine line = CommandLine.parse(args, false);
        int port = line.getInt("port", 54320);
        Path dataDir = Path.of(line.get("data-dir", ".local/data/postgres")).toAbsolutePath();
        List<String> databases = Arrays.stream(line.get("databases", "").split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();

        EmbeddedPostgres postgres = start(port, dataDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop(postgres);
                            stopped.countDown();
                        },
                        "postgres-stopper"));

        List<String> created = createMissingDatabases(postgres, databases);
        System.out.println(READY_PREFIX + "127.0.0.1:" + port + " (data " + dataDir + ", created " + created
                + ", databases " + databases + ")");
        System.out.flush();
        stopped.await();
    }

    static EmbeddedPostgres start(int port, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                // Keep the data between runs; zonky runs initdb only when postgresql.conf is missing.
                .setCleanDataDirectory(false)
                // Our own hook stops the server; zonky's would race it.
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                // Loopback only, stated rather than left to PostgreSQL's default ("localhost"): the local database
                // trusts every connection, so nothing outside this machine may reach it (issue 11).
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
    }

    static List<String> createMissingDatabases(EmbeddedPostgres postgres, List<String> databases) throws SQLException {
        List<String> created = new ArrayList<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            for (String database : databases) {
                if (!database.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + database);
                }
                exists.setString(1, database);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        continue;
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    // CREATE DATABASE takes no bind parameters; the name was checked above.
                    statement.execute("create database " + database);
                }
                created.add(database);
            }
        }
        return created;
    }

    private static void stop(EmbeddedPostgres postgres) {
        try {
            postgres.close();
            System.out.println("postgres stopped");
        } catch (IOException e) {
            System.err.println("postgres did not stop cleanly: " + e.getMessage());
        }
    }
}
