package org.permitwatch.systemtest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only SQL against the platform's own databases: the independent witness for "nothing lost, nothing
 * duplicated, nothing half-written" (an API could hide a duplicate row; a count cannot). A fresh connection per
 * query, because the drills restart PostgreSQL under it.
 */
final class Db {

    private final int port;

    Db(int port) {
        this.port = port;
    }

    long count(String database, String sql, Object... args) {
        List<List<String>> rows = rows(database, sql, args);
        return Long.parseLong(rows.get(0).get(0));
    }

    List<String> column(String database, String sql, Object... args) {
        return rows(database, sql, args).stream().map(r -> r.get(0)).toList();
    }

    List<List<String>> rows(String database, String sql, Object... args) {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres&connectTimeout=5";
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement st = c.prepareStatement(sql)) {
            c.setReadOnly(true);
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            List<List<String>> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(database + ": " + sql + ": " + e.getMessage(), e);
        }
    }
}
