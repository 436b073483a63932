package org.permitwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.permitwatch.identity.user.Base32;
import org.permitwatch.identity.user.UserAccount;
import org.permitwatch.support.security.Role;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Without IDENTITY_LOCAL_CLI_SECRET (Kubernetes) the local CLI does not exist — not even a registration left by an
 * earlier start with the secret. Its own database: the start-up removal must not touch the shared one. Also where
 * the demo users file is read (a start-up concern, like the local CLI).
 */
@IdentityIntegrationTest
@TestPropertySource(
        properties = {"permitwatch.identity.local-cli-secret=", "permitwatch.test.database=identity-no-cli"})
class NoLocalCliIT extends IdentityItSupport {

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
