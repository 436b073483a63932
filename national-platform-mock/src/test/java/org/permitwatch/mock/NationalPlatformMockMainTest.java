package org.permitwatch.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NationalPlatformMockMainTest {

    @Test
    void defaultsAreTheLocalConventions() {
        MockOptions o = NationalPlatformMockMain.parse(new String[0], Map.of());
        assertThat(o.port()).isEqualTo(8090);
        assertThat(o.size()).isEqualTo(2000);
        assertThat(o.seed()).isEqualTo(42L);
    }

    @Test
    void argumentsWinOverEnvironment() {
        MockOptions o = NationalPlatformMockMain.parse(
                new String[] {"--port", "9999", "--size=10", "--client-secret", "s3", "--token-ttl", "30"},
                Map.of(
                        "MOCK_PORT",
                        "8091",
                        "MOCK_SEED",
                        "7",
                        "MOCK_CLIENT_ID",
                        "env-id",
                        "MOCK_CLIENT_SECRET",
                        "env-secret",
                        "MOCK_SIZE",
                        "5"));
        assertThat(o.port()).isEqualTo(9999);
        assertThat(o.size()).isEqualTo(10);
        assertThat(o.seed()).isEqualTo(7L);
        assertThat(o.clientId()).isEqualTo("env-id");
        assertThat(o.clientSecret()).isEqualTo("s3");
        assertThat(o.tokenTtl()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rejectsUnknownOrBrokenArguments() {
        assertThatThrownBy(() -> NationalPlatformMockMain.parse(new String[] {"--colour", "red"}, Map.of()))
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> NationalPlatformMockMain.parse(new String[] {"--port", "x"}, Map.of()))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> NationalPlatformMockMain.parse(new String[] {"--size"}, Map.of()))
                .hasMessageContaining("--size");
    }
}
