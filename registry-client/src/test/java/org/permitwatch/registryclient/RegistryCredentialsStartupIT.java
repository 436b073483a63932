package org.permitwatch.registryclient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** Registered through spring.factories: any application with this jar on its class path logs in to the registry. */
class RegistryCredentialsStartupIT {

    @Configuration(proxyBeanMethods = false)
    static class Empty {}

    @Test
    void anApplicationWithTheJarSendsItsCredentials() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.application.name=permit-sync",
                        "REGISTRY_PASSWORD=0123456789abcdef0123456789abcdef",
                        "eureka.client.service-url.defaultZone=http://127.0.0.1:8761/eureka/")
                .run()) {
            assertThat(context.getEnvironment().getProperty("eureka.client.service-url.defaultZone"))
                    .isEqualTo("http://permit-sync:0123456789abcdef0123456789abcdef@127.0.0.1:8761/eureka/");
        }
    }
}
