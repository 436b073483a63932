package org.permitwatch.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.security.Role;

class LocalCliRequestTest {

    static final Duration MAX = Duration.ofHours(12);

    @Test
    void defaultsLikeDevstack() {
        LocalCliRequest r = LocalCliRequest.parse(Map.of("role", "city", "division", "140100"), MAX);
        assertThat(r.role()).isEqualTo(Role.CITY);
        assertThat(r.subject()).isEqualTo("city-140100");
        assertThat(r.name()).isEqualTo("Local city 140100");
        assertThat(r.ttl()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void ttlForms() {
        assertThat(LocalCliRequest.ttl("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(LocalCliRequest.ttl("8h")).isEqualTo(Duration.ofHours(8));
        assertThat(LocalCliRequest.ttl("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThat(LocalCliRequest.ttl("2 days")).isNull();
    }

    @Test
    void refusesWhatTheTokenPolicyRefuses() {
        // CITY at a province code: RoleLevels allows CITY only at city level.
        assertThatThrownBy(() -> LocalCliRequest.parse(Map.of("role", "CITY", "division", "140000"), MAX))
                .hasMessageContaining("role: CITY cannot be held at a province-level division");
        // INSPECTOR is never a province role.
        assertThatThrownBy(() -> LocalCliRequest.parse(Map.of("role", "INSPECTOR", "division", "140000"), MAX))
                .hasMessageContaining("INSPECTOR cannot be held");
        assertThatThrownBy(() -> LocalCliRequest.parse(Map.of("role", "PROVINCE", "division", "001000"), MAX))
                .hasMessageContaining("division: must be 6 digits");
        // 12h is the maximum: 13h is refused, 12h accepted.
        assertThatThrownBy(() ->
                        LocalCliRequest.parse(Map.of("role", "PROVINCE", "division", "140000", "ttl", "13h"), MAX))
                .hasMessageContaining("ttl: at most 12h");
        assertThat(LocalCliRequest.parse(Map.of("role", "PROVINCE", "division", "140000", "ttl", "12h"), MAX)
                        .ttl())
                .isEqualTo(Duration.ofHours(12));
        assertThatThrownBy(() -> LocalCliRequest.parse(Map.of("division", "140000"), MAX))
                .hasMessageContaining("role: required");
        assertThatThrownBy(() -> LocalCliRequest.parse(Map.of("role", "ADMIN", "division", "140000"), MAX))
                .hasMessageContaining("role: unknown role");
    }
}
