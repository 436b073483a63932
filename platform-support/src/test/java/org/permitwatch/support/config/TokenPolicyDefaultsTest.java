package org.permitwatch.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The token policy's shared defaults: no issuer or audience unless the local profile (run.sh) supplies them. */
class TokenPolicyDefaultsTest {

    private static StandardEnvironment processed(String... profiles) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("service", Map.of("permitwatch.db.name", "liaison")));
        env.setActiveProfiles(profiles);
        new PermitWatchDefaultsEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void withoutTheLocalProfileIssuerAndAudienceStayEmptySoTheServiceFailsClosed() {
        // JWT_* environment variables are unset on the build machine.
        StandardEnvironment env = processed();
        assertThat(env.getProperty("permitwatch.security.jwt.issuer")).isEmpty();
        assertThat(env.getProperty("permitwatch.security.jwt.audiences")).isEmpty();
        assertThat(env.getProperty("permitwatch.security.jwt.max-lifetime")).isEqualTo("12h");
    }

    @Test
    void theLocalProfileUsesTheValuesDevstackMintsWith() {
        StandardEnvironment env = processed("local");
        assertThat(env.getProperty("permitwatch.security.jwt.issuer")).isEqualTo("permitwatch-local");
        assertThat(env.getProperty("permitwatch.security.jwt.audiences")).isEqualTo("permitwatch");
    }
}
