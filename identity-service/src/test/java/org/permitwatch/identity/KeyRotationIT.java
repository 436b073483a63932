package org.permitwatch.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.identity.keys.KeyRotationJob;
import org.permitwatch.support.security.TokenPolicy;
import org.permitwatch.support.security.TokenPolicyProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;

/**
 * Rotation never breaks a token in flight: the retired key stays in the JWKS until every token it signed has expired,
 * checked the way a service checks (JWKS URI + platform-support's TokenPolicy, at the test clock's time).
 */
@IdentityIntegrationTest
class KeyRotationIT extends IdentityItSupport {

    @Autowired
    KeyRotationJob job;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A fresh decoder each time, as a service starting now would have (no cached JWKS). */
    JwtDecoder serviceDecoder() {
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withJwkSetUri(base() + "/oauth2/jwks").build();
        decoder.setJwtValidator(TokenPolicy.validator(
                new TokenPolicyProperties(
                        IdentityIntegrationTest.ISSUER,
                        List.of("permitwatch"),
                        Duration.ofHours(12),
                        Duration.ofSeconds(60)),
                clock));
        return decoder;
    }

    List<String> publishedKids() throws Exception {
        String jwks = api.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/oauth2/jwks"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        List<String> kids = new ArrayList<>();
        json.readTree(jwks).get("keys").forEach(k -> kids.add(k.get("kid").asString()));
        return kids;
    }

    @Test
    void aTokenSignedBeforeRotationVerifiesUntilItExpires() throws Exception {
        Instant start = Instant.parse("2027-03-01T02:00:00Z");
        clock.set(start);
        String before = cliToken("PROVINCE", "140000"); // ttl 1h
        String oldKid = header(before).get("kid").asString();
        Jwt verified = serviceDecoder().decode(before);
        assertThat(verified.getClaimAsString("division")).isEqualTo("140000");

        JsonNode rotated = ok(call("POST", "/api/v1/keys/rotate", before, null), 200);
        String newKid = rotated.get("kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(publishedKids()).contains(oldKid, newKid);
        String after = cliToken("PROVINCE", "140000");
        assertThat(header(after).get("kid").asString()).isEqualTo(newKid);

        // one second before the old token expires (issued at start, 1 h): still accepted by a service
        clock.set(start.plus(Duration.ofHours(1)).minusSeconds(1));
        assertThat(serviceDecoder().decode(before).getSubject()).isEqualTo("province-140000");

        // The old key is published until retirement + the longest token this provider signs (the local CLI's 12 h)
        // + 60 s skew = start + 12 h + 60 s. After that it is gone and only the new key remains.
        clock.set(start.plus(Duration.ofHours(12)).plusSeconds(61));
        assertThat(publishedKids()).doesNotContain(oldKid).contains(newKid);
        assertThatThrownBy(() -> serviceDecoder().decode(before)).isInstanceOf(RuntimeException.class);
        // the audit names the province caller
        assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE action = 'key.rotate' AND target = :kid")
                        .param("kid", newKid)
                        .query(String.class)
                        .single())
                .isEqualTo("province-140000");
    }

    @Test
    void onlyTheProvinceRotatesAndTheScheduleRotatesAfterNinetyDays() throws Exception {
        ok(call("POST", "/api/v1/keys/rotate", cliToken("CITY", "140100"), null), 403);
        Instant activeSince = jdbc.sql("SELECT created_at FROM signing_key WHERE state = 'ACTIVE'")
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
        long keys =
                jdbc.sql("SELECT count(*) FROM signing_key").query(Long.class).single();
        // 89 days after: nothing to do
        clock.set(activeSince.plus(Duration.ofDays(89)));
        job.rotateWhenDue();
        assertThat(jdbc.sql("SELECT count(*) FROM signing_key")
                        .query(Long.class)
                        .single())
                .isEqualTo(keys);
        // 90 days after: rotated, once
        clock.set(activeSince.plus(Duration.ofDays(90)).plusSeconds(1));
        job.rotateWhenDue();
        job.rotateWhenDue();
        assertThat(jdbc.sql("SELECT count(*) FROM signing_key")
                        .query(Long.class)
                        .single())
                .isEqualTo(keys + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM signing_key WHERE state = 'ACTIVE'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        JsonNode list = ok(call("GET", "/api/v1/keys", cliToken("PROVINCE", "140000"), null), 200);
        assertThat(list.get("total").asLong()).isEqualTo(keys + 1);
        assertThat(list.get("items").get(0).has("privateKeyEncrypted")).isFalse();
    }
}
