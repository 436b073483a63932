package org.permitwatch.support.migration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.migration.*}: the library's own schema ({@code outbox_event}, {@code processed_event},
 * {@code audit_log}). Connection settings default to {@code spring.flyway.url/user/password}, else are derived
 * from {@code spring.r2dbc.*}.
 *
 * @param enabled  run the library migrations at start-up
 * @param url      JDBC URL override
 * @param user     user override
 * @param password password override
 */
@Validated
@ConfigurationProperties("permitwatch.migration")
public record SupportMigrationProperties(
        @DefaultValue("true") boolean enabled, String url, String user, String password) {}
