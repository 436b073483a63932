package org.permitwatch.support.openapi;

import java.util.List;
import org.permitwatch.support.security.ApiArea;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The shared parts of every service's OpenAPI document (ADR 0020), for services that publish one with springdoc. A
 * service's API area ({@code permitwatch.security.area}, the one its security chain enforces) names the OAuth2 scopes
 * its operations need.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
// Any web application: the WebFlux services and servlet identity-service (ADR 0018) publish the same contract shape;
// springdoc's customizer types are shared by its webflux and webmvc starters.
@ConditionalOnWebApplication
public class OpenApiAutoConfiguration {

    @Bean
    OpenApiCustomizer permitWatchApiContract(
            @Value("${spring.application.name}") String name, Environment environment) {
        ApiArea area = Binder.get(environment)
                .bind("permitwatch.security.area", ApiArea.class)
                .orElse(null);
        // the same list the security chain lets through without a token (PermitWatchSecurityProperties)
        List<String> publicPaths = Binder.get(environment)
                .bind("permitwatch.security.public-paths", Bindable.listOf(String.class))
                .orElse(List.of());
        return new ApiContractCustomizer(
                name, area, publicPaths, environment.getProperty("server.servlet.context-path", ""));
    }

    @Bean
    OperationCustomizer permitWatchOperationIds() {
        return new OperationIds();
    }

    @Bean
    OperationCustomizer permitWatchSortParameters() {
        return new SortParameters();
    }
}
