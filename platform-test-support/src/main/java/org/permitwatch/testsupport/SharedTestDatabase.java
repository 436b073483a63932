package org.permitwatch.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One database per service per test JVM, shared by every integration test class of that service, so that all of them
 * run in one cached Spring context instead of booting their own (a context with its broker costs 10–15 s on two
 * cores; a service has a dozen such classes).
 *
 * <p>Use with {@code @ContextConfiguration(initializers = SharedTestDatabase.class)} (each service's integration-test
 * annotation does). The database is named after {@code permitwatch.test.database} (default: the application name).
 * Because the database outlives a test class, {@link CleanSharedStateListener} empties it before each class: classes see
 * only the migrations' reference data, as they did with a database of their own.
 */
public final class SharedTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The property that names the shared database; also how {@link CleanSharedStateListener} recognises one. */
    public static final String NAME_PROPERTY = "permitwatch.test.database";

    private static final Map<String, TestPostgres.Database> DATABASES = new ConcurrentHashMap<>();
    /**
     * platform-support's own tables: what a context writes there at start-up (a seeder's audit rows, its outbox
     * events) is never reference data, so they are emptied even when they held rows before the first class.
     */
    private static final Set<String> ALWAYS_EMPTIED =
            Set.of("public.audit_log", "public.outbox_event", "public.processed_event");

    /** Per database: the tables the migrations filled (reference data), recorded before the first class ran. */
    private static final Map<String, Set<String>> REFERENCE_TABLES = new ConcurrentHashMap<>();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var environment = context.getEnvironment();
        String prefix =
                environment.getProperty(NAME_PROPERTY, environment.getProperty("spring.application.name", "service"));
        TestPostgres.Database db = DATABASES.computeIfAbsent(prefix, TestPostgres::newDatabase);
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "sharedTestDatabase",
                        Map.of(
                                NAME_PROPERTY,
                                prefix,
                                "spring.r2dbc.url",
                                db.r2dbcUrl(),
                                "spring.r2dbc.username",
                                db.username(),
                                "spring.r2dbc.password",
                                db.password(),
                                "spring.flyway.url",
                                db.jdbcUrl(),
                                "spring.flyway.user",
                                db.username(),
                                "spring.flyway.password",
                                db.password())));
    }

    /** Whether no class has run on that database yet (its first clean only records the reference tables). */
    static boolean untouched(String name) {
        return !REFERENCE_TABLES.containsKey(name);
    }

    /** The shared database of that name, if a context created it. */
    static TestPostgres.Database database(String name) {
        return DATABASES.get(name);
    }

    /**
     * Empties every table the migrations and the context's start-up left empty. The first call for a database
     * records which tables hold rows at that point — reference data from migrations (the checklist catalogue,
     * holidays, …) and what a seeder wrote at start-up (liaison's deadlines): those are kept, as a context of the
     * class's own would have had them; platform-support's audit, outbox and inbox tables are emptied all the same.
     * Identities are not restarted, so ids keep growing across classes, as they would in production.
     */
    static void clean(String name) {
        TestPostgres.Database db = DATABASES.get(name);
        if (db == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement s = c.createStatement()) {
            Set<String> reference = REFERENCE_TABLES.get(name);
            if (reference == null) {
                reference = tablesWithRows(s);
                reference.removeAll(ALWAYS_EMPTIED);
                REFERENCE_TABLES.put(name, Set.copyOf(reference));
                return; // the first class sees the context as it started, as with a context of its own
            }
            List<String> toEmpty = new ArrayList<>();
            for (String table : tables(s)) {
                if (!reference.contains(table)) {
                    toEmpty.add(table);
                }
            }
            if (!toEmpty.isEmpty()) {
                // One statement, so foreign keys between the emptied tables need no ordering; no CASCADE, so a
                // reference table that pointed at one of them would fail loudly instead of being emptied.
                s.execute("TRUNCATE " + String.join(", ", toEmpty));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the shared test database " + name, e);
        }
    }

    private static List<String> tables(Statement s) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) "
                + "FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') "
                + "AND tablename <> 'flyway_schema_history' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static Set<String> tablesWithRows(Statement s) throws SQLException {
        List<String> all = tables(s);
        Set<String> withRows = new HashSet<>();
        for (String table : all) {
            try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                if (rs.next() && rs.getBoolean(1)) {
                    withRows.add(table);
                }
            }
        }
        return withRows;
    }
}
