package org.permitwatch.support.migration;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Runs the library's migrations with a Flyway instance of its own ({@code permitwatch.migration.enabled}). */
@AutoConfiguration(before = FlywayAutoConfiguration.class)
@ConditionalOnClass(Flyway.class)
@ConditionalOnBooleanProperty(name = "permitwatch.migration.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SupportMigrationProperties.class)
public class MigrationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SupportSchemaMigration supportSchemaMigration(SupportMigrationProperties properties, Environment env) {
        String url = firstNonBlank(
                properties.url(),
                env.getProperty("spring.flyway.url"),
                jdbcFromR2dbc(env.getProperty("spring.r2dbc.url")));
        if (url == null) {
            throw new IllegalStateException("permitwatch library migrations need spring.flyway.url "
                    + "(or spring.r2dbc.url, or permitwatch.migration.url); set permitwatch.migration.enabled=false "
                    + "for an application without a database");
        }
        String user = firstNonBlank(
                properties.user(), env.getProperty("spring.flyway.user"), env.getProperty("spring.r2dbc.username"));
        String password = firstNonBlank(
                properties.password(),
                env.getProperty("spring.flyway.password"),
                env.getProperty("spring.r2dbc.password"));
        return new SupportSchemaMigration(url, user, password == null ? "" : password);
    }

    /** {@code r2dbc:postgresql://h:p/db?x} → {@code jdbc:postgresql://h:p/db?x}; pool URLs drop the pool part. */
    static String jdbcFromR2dbc(String r2dbcUrl) {
        if (r2dbcUrl == null || r2dbcUrl.isBlank()) {
            return null;
        }
        String url = r2dbcUrl.replaceFirst("^r2dbc:pool:", "r2dbc:");
        return url.startsWith("r2dbc:postgresql:") ? "jdbc:" + url.substring("r2dbc:".length()) : null;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
