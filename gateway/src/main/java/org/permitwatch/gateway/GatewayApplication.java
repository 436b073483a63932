package org.permitwatch.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The only public entry of PermitWatch: routes /api/v1/** to the services found in Eureka. From platform-support it
 * takes only the token policy (TokenDecoderAutoConfiguration); the service-side parts (problem handling, the
 * services' security chain, audit, migrations, outbox, inbox, the services' OpenAPI shape) are not the gateway's and are excluded.
 */
@SpringBootApplication(
        excludeName = {
            "org.permitwatch.support.problem.ProblemAutoConfiguration",
            "org.permitwatch.support.security.SecurityAutoConfiguration",
            "org.permitwatch.support.audit.AuditAutoConfiguration",
            "org.permitwatch.support.migration.MigrationAutoConfiguration",
            "org.permitwatch.support.outbox.OutboxAutoConfiguration",
            "org.permitwatch.support.inbox.InboxAutoConfiguration",
            "org.permitwatch.support.openapi.OpenApiAutoConfiguration",
        })
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
