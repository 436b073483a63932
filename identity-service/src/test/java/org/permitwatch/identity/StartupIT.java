package org.permitwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.permitwatch.identity.user.FirstAdministrator;
import org.permitwatch.identity.user.UserAccount;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.totp.Base32;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A start like Kubernetes' (no local CLI, the actuator on its own port) with a demo users file.
 * Without IDENTITY_LOCAL_CLI_SECRET (Kubernetes) the local CLI does not exist — not even a registration left by an
 * earlier start with the secret. Its own database: the start-up removal must not touch the shared one. Also where
 * the demo users file is read (a start-up concern, like the local CLI).
 */
@IdentityIntegrationTest
@TestPropertySource(
        properties = {
            "permitwatch.identity.local-cli-secret=",
            "permitwatch.test.database=identity-no-cli",
            "management.server.port=0",
            "permitwatch.identity.bootstrap-admin.username=sx-first",
            "permitwatch.identity.bootstrap-admin.password=Install-Time-2027!",
            "permitwatch.identity.bootstrap-admin.division=140000"
        })
class StartupIT extends IdentityItSupport {

    static final byte[] DEMO_TOTP = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The file run.sh writes (contract "Local demo users"), here with one TOTP user and one without. */
    @DynamicPropertySource
    static void demoUsers(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("demo-users", ".json");
        Files.writeString(file, """
                [{"username":"sx-admin","password":"Demo-Province-2027","displayName":"山西省管理员","role":"PROVINCE",
                  "division":"140000","totpSecret":"%s","piiRead":true},
                 {"username":"xd-admin","password":"Demo-County-2027","displayName":"小店区管理员","role":"COUNTY",
                  "division":"140105"}]
                """.formatted(Base32.encode(DEMO_TOTP)));
        registry.add("permitwatch.identity.demo-users-file", file::toString);
    }

    @Test
    void demoUsersAreCreatedFromTheFile() {
        UserAccount province = users.findByUsername("sx-admin").orElseThrow();
        assertThat(province.role()).isEqualTo(Role.PROVINCE);
        assertThat(province.piiRead()).isTrue();
        assertThat(totpSecrets.open(province.id(), province.totpSecretSealed())).isEqualTo(DEMO_TOTP);
        assertThat(passwords.matches("Demo-Province-2027", province.passwordHash()))
                .isTrue();
        // Argon2id, not the plain text
        assertThat(province.passwordHash()).startsWith("$argon2id$");
        UserAccount county = users.findByUsername("xd-admin").orElseThrow();
        assertThat(county.totpEnrolled()).isFalse();
        assertThat(county.needsTotp()).isFalse();
    }

    @Autowired
    FirstAdministrator firstAdministrator;

    @Test
    void theFirstAdministratorIsCreatedOnceAndMustChangeThePasswordAndEnrolTotp() {
        // Startup runs the bootstrap before the demo users, so the province had no PROVINCE user yet.
        UserAccount first = users.findByUsername("sx-first").orElseThrow();
        assertThat(first.role()).isEqualTo(Role.PROVINCE);
        assertThat(first.division().value()).isEqualTo("140000");
        assertThat(first.mustChangePassword()).isTrue();
        assertThat(first.needsTotp()).isTrue();
        assertThat(first.totpEnrolled()).isFalse();
        assertThat(passwords.matches("Install-Time-2027!", first.passwordHash()))
                .isTrue();
        // A bootstrap secret left in place (or leaked) never adds a second administrator.
        assertThat(firstAdministrator.createIfNone(
                        new FirstAdministrator.Bootstrap("sx-second", "Another-Secret-2027!", "140000", null)))
                .isFalse();
        assertThat(users.findByUsername("sx-second")).isEmpty();
    }

    @Test
    void unusableBootstrapSettingsStopTheStart() {
        // 140100 is a city: the first administrator is the province's.
        assertThatThrownBy(() -> firstAdministrator.createIfNone(
                        new FirstAdministrator.Bootstrap("ty-first", "Install-Time-2027!", "140100", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("province code");
        // Another province (Inner Mongolia, 150000) has no administrator yet, but the password breaks the policy.
        assertThatThrownBy(() -> firstAdministrator.createIfNone(
                        new FirstAdministrator.Bootstrap("nm-first", "short", "150000", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("policy");
        assertThat(users.findByUsername("nm-first")).isEmpty();
    }

    @LocalManagementPort
    int managementPort;

    @Test
    void theActuatorPortIsOpenAndTheApiPortServesOnlyTheProbes() throws Exception {
        HttpResponse<String> metrics = api.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        HttpResponse<String> ready = api.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/readyz"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        HttpResponse<String> onApiPort = api.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onApiPort.statusCode()).isNotEqualTo(200);
    }

    @Test
    void theLocalCliIsAbsent() throws Exception {
        HttpResponse<String> response = cliTokenResponse("role=PROVINCE&division=140000");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json.readTree(response.body()).get("error").asString()).isEqualTo("invalid_client");
        assertThat(jdbc.sql("SELECT count(*) FROM oauth2_registered_client WHERE client_id = 'permitwatch-local-cli'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM oauth2_registered_client")
                        .query(Long.class)
                        .single())
                .isEqualTo(2); // console and field
    }
}
