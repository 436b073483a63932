package org.permitwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Without IDENTITY_LOCAL_CLI_SECRET (Kubernetes) the local CLI does not exist — not even a registration left by an
 * earlier start with the secret. Its own database: the start-up removal must not touch the shared one.
 */
@IdentityIntegrationTest
@TestPropertySource(
        properties = {"permitwatch.identity.local-cli-secret=", "permitwatch.test.database=identity-no-cli"})
class NoLocalCliIT extends IdentityItSupport {

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
