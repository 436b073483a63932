package org.permitwatch.monitoring;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAPI metadata; the gateway aggregates each service's /v3/api-docs. Security schemes, error answers and paging are
 * the same in every service and come from platform-support (ADR 0020).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /**
     * The contract's version (docs/api/README.md#versioning): the major number changes only with a breaking change,
     * which the OpenApiContractIT refuses otherwise.
     */
    static final String API_VERSION = "1.0.0";

    @Bean
    OpenAPI monitoringOpenApi(@Value("${spring.application.name}") String name) {
        return new OpenAPI()
                .info(
                        new Info()
                                .title(name)
                                .version(API_VERSION)
                                .description(
                                        "Automatic monitoring (HJ 212-2017): monitoring points, data series, latest values and coverage"));
    }
}
