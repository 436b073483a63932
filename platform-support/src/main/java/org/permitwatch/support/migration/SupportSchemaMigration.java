package org.permitwatch.support.migration;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Applies {@code classpath:db/support} with its own Flyway history table, so the library's versions never
 * collide with a service's {@code V1__…}. Runs while the context refreshes, i.e. before the web server
 * accepts traffic and before the outbox relay starts.
 */
public class SupportSchemaMigration implements InitializingBean {

    public static final String LOCATION = "classpath:db/support";
    public static final String HISTORY_TABLE = "support_schema_history";

    private static final Logger log = LoggerFactory.getLogger(SupportSchemaMigration.class);

    private final String url;
    private final String user;
    private final String password;
    private volatile MigrateResult result;

    public SupportSchemaMigration(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public void afterPropertiesSet() {
        Flyway flyway = Flyway.configure(getClass().getClassLoader())
                .dataSource(url, user, password)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                // The service's own Flyway may have created tables first; start our history from scratch anyway.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        result = flyway.migrate();
        log.info(
                "Library schema at version {} ({} migrations applied)",
                result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    /** The outcome of the start-up migration. */
    public MigrateResult result() {
        return result;
    }
}
