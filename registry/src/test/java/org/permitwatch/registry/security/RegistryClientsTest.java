package org.permitwatch.registry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryClientsTest {

    private static final String LONG = "0123456789abcdef0123456789abcdef";

    @Test
    void aShortPasswordStopsTheStartWithoutPrintingIt() {
        var properties =
                new RegistrySecurityProperties(List.of(client("permit-sync", RegistryAccess.APP, "short-secret")), 24);
        assertThatThrownBy(() -> new RegistryClients(properties))
                .hasMessageContaining("permit-sync")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void aClientWithoutPasswordCannotLogIn() {
        var clients = new RegistryClients(
                new RegistrySecurityProperties(List.of(client("gateway", RegistryAccess.READ, "")), 24));
        assertThat(clients.find("gateway")).isEmpty();
    }

    @Test
    void anAppClientWritesOnlyItsOwnApplicationAndAPeerWritesAll() {
        var clients = new RegistryClients(new RegistrySecurityProperties(
                List.of(
                        client("inspection-service", RegistryAccess.APP, LONG),
                        client("gateway", RegistryAccess.READ, LONG),
                        client("registry", RegistryAccess.PEER, LONG)),
                24));
        RegistryClient inspection = clients.find("inspection-service").orElseThrow();
        assertThat(inspection.mayWrite("INSPECTION-SERVICE")).isTrue();
        assertThat(inspection.mayWrite("REPORTING-SERVICE")).isFalse();
        assertThat(clients.find("gateway").orElseThrow().mayWrite("GATEWAY")).isFalse();
        assertThat(clients.find("registry").orElseThrow().mayWrite("REPORTING-SERVICE"))
                .isTrue();
        assertThat(PasswordDigest.matches(LONG, inspection.passwordDigest())).isTrue();
        assertThat(PasswordDigest.matches(LONG + "x", inspection.passwordDigest()))
                .isFalse();
        assertThat(inspection.toString()).doesNotContain(LONG);
    }

    @Test
    void aNameGivenTwiceIsRefused() {
        assertThatThrownBy(() -> new RegistryClients(new RegistrySecurityProperties(
                        List.of(
                                client("gateway", RegistryAccess.READ, LONG),
                                client("gateway", RegistryAccess.PEER, LONG)),
                        24)))
                .hasMessageContaining("twice");
    }

    private static RegistrySecurityProperties.Client client(String name, RegistryAccess access, String password) {
        return new RegistrySecurityProperties.Client(name, access, null, password);
    }
}
