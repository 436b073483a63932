package org.permitwatch.support.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The shared parts of every service's OpenAPI document (ADR 0020), for services that publish one with springdoc. A
 * service names its API area ({@code permitwatch.openapi.scope-area}: directory, inspection, liaison, reporting), the
 * prefix of the OAuth2 scopes its operations need.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class OpenApiAutoConfiguration {

    @Bean
    OpenApiCustomizer permitWatchApiContract(
            @Value("${spring.application.name}") String name,
            @Value("${permitwatch.openapi.scope-area:}") String area) {
        return new ApiContractCustomizer(name, area);
    }

    @Bean
    OperationCustomizer permitWatchOperationIds() {
        return new OperationIds();
    }
}
