package org.permitwatch.support.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.audit.*}.
 *
 * @param enabled    the {@link AuditLog} bean and the request-info filter
 * @param systemName {@code actor_name} of system rows; defaults to the application name
 */
@Validated
@ConfigurationProperties("permitwatch.audit")
public record AuditProperties(@DefaultValue("true") boolean enabled, String systemName) {}
