package org.permitwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class TokensTest {

    @TempDir
    Path dir;

    @Test
    void initCreatesKeyPairOnceAndKeepsIt() throws Exception {
        assertThat(LocalKeys.initIfMissing(dir)).isTrue();
        String publicPem = Files.readString(dir.resolve("jwt-public.pem"));
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Files.readString(dir.resolve("jwt-private.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");

        assertThat(LocalKeys.initIfMissing(dir)).isFalse();
        assertThat(Files.readString(dir.resolve("jwt-public.pem"))).isEqualTo(publicPem);
    }

    @Test
    void mintedTokenVerifiesWithPublicPemAndCarriesAdrClaims() throws Exception {
        LocalKeys.initIfMissing(dir);
        CommandLine line = CommandLine.parse(
                new String[] {
                    "mint",
                    "--role",
                    "city,inspector",
                    "--division",
                    "140100",
                    "--sub",
                    "u-42",
                    "--name",
                    "王科长",
                    "--scope",
                    "pii:read",
                    "--ttl",
                    "30m"
                },
                true);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        String token = new TokenMinter(LocalKeys.readPrivate(dir)).mint(Tokens.request(line), now);

        SignedJWT parsed = SignedJWT.parse(token);
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(parsed.verify(new RSASSAVerifier(LocalKeys.readPublic(dir)))).isTrue();

        // The same decoder type Spring's resource server builds from public-key-location.
        Jwt jwt = NimbusJwtDecoder.withPublicKey(LocalKeys.readPublic(dir))
                .build()
                .decode(token);
        // Not a URL, so read it as a string: Jwt.getIssuer() would try to convert it to java.net.URL.
        assertThat(jwt.getClaimAsString("iss")).isEqualTo("permitwatch-local");
        assertThat(jwt.getAudience()).containsExactly("permitwatch");
        assertThat(jwt.getSubject()).isEqualTo("u-42");
        assertThat(jwt.getClaimAsString("name")).isEqualTo("王科长");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("CITY", "INSPECTOR");
        assertThat(jwt.getClaimAsString("division")).isEqualTo("140100");
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("pii:read");
        assertThat(jwt.getIssuedAt()).isEqualTo(now);
        assertThat(jwt.getExpiresAt()).isEqualTo(now.plus(Duration.ofMinutes(30)));
    }

    @Test
    void issuerAndAudienceCanBeChosenForAnotherPlatform() throws Exception {
        LocalKeys.initIfMissing(dir);
        CommandLine line = CommandLine.parse(
                new String[] {
                    "mint",
                    "--role",
                    "PROVINCE",
                    "--division",
                    "140000",
                    "--iss",
                    "https://idp.example/realms/sx",
                    "--aud",
                    "permitwatch, permitwatch-mobile"
                },
                true);

        Jwt jwt = NimbusJwtDecoder.withPublicKey(LocalKeys.readPublic(dir))
                .build()
                .decode(new TokenMinter(LocalKeys.readPrivate(dir)).mint(Tokens.request(line), Instant.now()));

        assertThat(jwt.getClaimAsString("iss")).isEqualTo("https://idp.example/realms/sx");
        assertThat(jwt.getAudience()).containsExactly("permitwatch", "permitwatch-mobile");
    }

    @Test
    void tokenSignedWithAnotherKeyDoesNotVerify(@TempDir Path otherDir) throws Exception {
        LocalKeys.initIfMissing(dir);
        LocalKeys.initIfMissing(otherDir);
        String token = new TokenMinter(LocalKeys.readPrivate(otherDir))
                .mint(
                        new TokenRequest("s", "n", List.of("PROVINCE"), "140000", null, Duration.ofHours(1)),
                        Instant.now());

        assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(LocalKeys.readPublic(dir))))
                .isFalse();
    }

    @Test
    void rejectsUnknownRoleBadDivisionAndMissingKeys() {
        assertThatThrownBy(() -> Tokens.request(
                        CommandLine.parse(new String[] {"mint", "--role", "ADMIN", "--division", "140100"}, true)))
                .hasMessageContaining("unknown role ADMIN");
        assertThatThrownBy(() -> Tokens.request(
                        CommandLine.parse(new String[] {"mint", "--role", "CITY", "--division", "1401"}, true)))
                .hasMessageContaining("6-digit");
        assertThatThrownBy(() -> LocalKeys.readPrivate(dir)).hasMessageContaining("no local key");
    }

    @Test
    void parsesTtlUnits() {
        assertThat(Tokens.ttl("8h")).isEqualTo(Duration.ofHours(8));
        assertThat(Tokens.ttl("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Tokens.ttl("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Tokens.ttl("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> Tokens.ttl("8w")).isInstanceOf(IllegalArgumentException.class);
    }
}
