package org.permitwatch.monitoring.alert;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * ANNUAL_TONNAGE_AHEAD's settings (application.yml {@code permitwatch.monitoring.alerts.tonnage}; ADR 0040).
 *
 * @param enabled    whether the tonnage branch runs in the alert stream
 * @param parameters the forecast's parameters, as versioned data
 */
@ConfigurationProperties("permitwatch.monitoring.alerts.tonnage")
public record TonnageProperties(boolean enabled, TonnageParameters parameters) {}
