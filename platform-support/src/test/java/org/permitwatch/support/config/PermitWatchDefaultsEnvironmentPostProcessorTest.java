package org.permitwatch.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PermitWatchDefaultsEnvironmentPostProcessorTest {

    private final PermitWatchDefaultsEnvironmentPostProcessor processor =
            new PermitWatchDefaultsEnvironmentPostProcessor();

    private StandardEnvironment environment(Map<String, Object> serviceProperties) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("service", serviceProperties));
        return env;
    }

    @Test
    void defaultsFillInWhatTheServiceLeavesOpen() {
        StandardEnvironment env =
                environment(Map.of("spring.application.name", "liaison-service", "permitwatch.db.name", "liaison"));
        processor.postProcessEnvironment(env, new SpringApplication());
        // DB_* environment variables are unset on the build machine, so the placeholders' defaults apply.
        assertThat(env.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://localhost:54320/liaison");
        assertThat(env.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://localhost:54320/liaison");
        assertThat(env.getProperty("spring.kafka.consumer.group-id")).isEqualTo("liaison-service");
        assertThat(env.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState,r2dbc");
        assertThat(env.getProperty("eureka.instance.ip-address")).isNull();
        assertThat(env.getProperty("server.address")).isNull();
        // A stop does not wait Reactor Netty's default 2 s quiet period after the graceful phase.
        assertThat(env.getProperty("spring.reactor.netty.shutdown-quiet-period"))
                .isEqualTo("0s");
    }

    @Test
    void theServiceOverridesAnyDefault() {
        StandardEnvironment env = environment(Map.of(
                "permitwatch.db.name",
                "liaison",
                "management.endpoint.health.group.readiness.include",
                "readinessState"));
        processor.postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState");
    }

    @Test
    void localProfileAdvertisesAndListensOnLoopbackOnly() {
        StandardEnvironment env = environment(Map.of("permitwatch.db.name", "liaison"));
        env.setActiveProfiles("local");
        processor.postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("eureka.instance.ip-address")).isEqualTo("127.0.0.1");
        assertThat(env.getProperty("eureka.instance.prefer-ip-address")).isEqualTo("true");
        assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void canBeSwitchedOff() {
        StandardEnvironment env = environment(Map.of("permitwatch.defaults.enabled", "false"));
        processor.postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("spring.kafka.consumer.group-id")).isNull();
    }
}
