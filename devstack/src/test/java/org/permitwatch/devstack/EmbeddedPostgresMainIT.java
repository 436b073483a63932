package org.permitwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresMainIT {

    @TempDir
    Path dataDir;

    @Test
    void createsDatabasesOnceAndKeepsDataAcrossRestarts() throws Exception {
        int port = freePort();
        List<String> databases = List.of("permit_sync", "inspection");

        try (EmbeddedPostgres first = EmbeddedPostgresMain.start(port, dataDir)) {
            assertThat(EmbeddedPostgresMain.createMissingDatabases(first, databases))
                    .containsExactlyElementsOf(databases);
            try (Connection connection =
                            first.getDatabase("postgres", "inspection").getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("create table kept (id int primary key)");
                statement.execute("insert into kept values (7)");
            }
        }

        try (EmbeddedPostgres second = EmbeddedPostgresMain.start(port, dataDir)) {
            assertThat(EmbeddedPostgresMain.createMissingDatabases(
                            second, List.of("permit_sync", "inspection", "liaison")))
                    .containsExactly("liaison");
            try (Connection connection =
                            second.getDatabase("postgres", "inspection").getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select id from kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(7);
            }
            assertThat(second.getPort()).isEqualTo(port);
            try (Connection connection = second.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet listen = statement.executeQuery("show listen_addresses")) {
                assertThat(listen.next()).isTrue();
                assertThat(listen.getString(1)).as("loopback only").isEqualTo("127.0.0.1");
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
