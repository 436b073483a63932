package org.permitwatch.registryclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RegistryCredentialsTest {

    private final RegistryCredentialsEnvironmentPostProcessor processor =
            new RegistryCredentialsEnvironmentPostProcessor(destination -> destination.get());

    @Test
    void everyPeerUrlGetsTheClientsCredentials() {
        var environment = environment(Map.of(
                "spring.application.name",
                "inspection-service",
                "REGISTRY_PASSWORD",
                "0123456789abcdef0123456789abcdef",
                "eureka.client.service-url.defaultZone",
                "http://registry-0.registry:8761/eureka/, http://registry-1.registry:8761/eureka/"));
        processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("eureka.client.service-url.defaultZone"))
                .isEqualTo(
                        "http://inspection-service:0123456789abcdef0123456789abcdef@registry-0.registry:8761/eureka/,"
                                + "http://inspection-service:0123456789abcdef0123456789abcdef@registry-1.registry:8761/eureka/");
    }

    @Test
    void characterThatUserinfoCannotHoldAreQuotedAndDecodeBack() {
        String url = new RegistryCredentials("gateway", "a/b@c%d+e=f").addTo("http://127.0.0.1:8761/eureka/");
        assertThat(URI.create(url).getUserInfo()).isEqualTo("gateway:a/b@c%d+e=f");
        assertThat(URI.create(url).getHost()).isEqualTo("127.0.0.1");
        assertThat(URI.create(url).getPath()).isEqualTo("/eureka/");
    }

    @Test
    void aUrlWithItsOwnCredentialsIsKeptAndAColonIsRefused() {
        assertThat(new RegistryCredentials("gateway", "secret").addTo("http://other:pw@127.0.0.1:8761/eureka/"))
                .isEqualTo("http://other:pw@127.0.0.1:8761/eureka/");
        assertThatThrownBy(() -> new RegistryCredentials("gateway", "se:cret")).hasMessageNotContaining("se:cret");
        assertThat(new RegistryCredentials("gateway", "secret").toString()).doesNotContain("secret]");
    }

    @Test
    void withoutAPasswordOrWithEurekaOffNothingChanges() {
        var noPassword = environment(Map.of(
                "spring.application.name",
                "gateway",
                "eureka.client.service-url.defaultZone",
                "http://127.0.0.1:8761/eureka/"));
        processor.postProcessEnvironment(noPassword, new SpringApplication());
        assertThat(noPassword.getProperty("eureka.client.service-url.defaultZone"))
                .isEqualTo("http://127.0.0.1:8761/eureka/");

        var eurekaOff = environment(Map.of(
                "spring.application.name",
                "gateway",
                "REGISTRY_PASSWORD",
                "secret-secret",
                "eureka.client.enabled",
                "false",
                "eureka.client.service-url.defaultZone",
                "http://127.0.0.1:8761/eureka/"));
        processor.postProcessEnvironment(eurekaOff, new SpringApplication());
        assertThat(eurekaOff.getPropertySources().contains(RegistryCredentialsEnvironmentPostProcessor.SOURCE_NAME))
                .isFalse();
    }

    @Test
    void anExplicitUserNameWins() {
        var environment = environment(Map.of(
                "spring.application.name",
                "registry",
                "REGISTRY_USERNAME",
                "registry-peer",
                "REGISTRY_PASSWORD",
                "secret-secret",
                "eureka.client.service-url.defaultZone",
                "http://r:8761/eureka/"));
        processor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("eureka.client.service-url.defaultZone"))
                .isEqualTo("http://registry-peer:secret-secret@r:8761/eureka/");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("test", properties));
        return environment;
    }
}
