package org.permitwatch.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** Every rule of the token policy (ADR 0004) and its boundaries, with a fixed clock. */
class TokenPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
    private static final String ISSUER = "https://idp.example.gov.cn/realms/shanxi";
    private static final TokenPolicyProperties PROPERTIES = new TokenPolicyProperties(
            ISSUER, List.of("permitwatch", "permitwatch-mobile"), Duration.ofHours(12), Duration.ofSeconds(60));
    private static final OAuth2TokenValidator<Jwt> POLICY =
            TokenPolicy.validator(PROPERTIES, Clock.fixed(NOW, ZoneOffset.UTC));

    /** A token every rule accepts: CITY at Taiyuan, issued now, valid 1 h. */
    private static Jwt.Builder valid() {
        return Jwt.withTokenValue("header.payload.signature")
                .header("alg", "RS256")
                .issuer(ISSUER)
                .audience(List.of("permitwatch"))
                .subject("u-1")
                .issuedAt(NOW)
                .expiresAt(NOW.plus(Duration.ofHours(1)))
                .claim("roles", List.of("CITY"))
                .claim("division", "140100");
    }

    private static Jwt token(Consumer<Jwt.Builder> change) {
        Jwt.Builder builder = valid();
        change.accept(builder);
        return builder.build();
    }

    private static void accepted(Jwt jwt) {
        OAuth2TokenValidatorResult result = POLICY.validate(jwt);
        assertThat(result.getErrors()).as("errors").isEmpty();
    }

    private static void refused(Jwt jwt, String descriptionPart) {
        OAuth2TokenValidatorResult result = POLICY.validate(jwt);
        assertThat(result.hasErrors()).as("refused").isTrue();
        assertThat(result.getErrors()).extracting(OAuth2Error::getErrorCode).containsOnly("invalid_token");
        assertThat(result.getErrors())
                .extracting(OAuth2Error::getDescription)
                .anySatisfy(d -> assertThat(d).contains(descriptionPart))
                .allSatisfy(d -> assertThat(d).doesNotContain(jwt.getTokenValue()));
    }

    @Test
    void aWellFormedTokenIsAccepted() {
        accepted(valid().build());
    }

    @Test
    void issuerMustBeTheConfiguredOne() {
        refused(token(b -> b.claims(c -> c.remove("iss"))), "iss");
        refused(token(b -> b.issuer("https://idp.example.gov.cn/realms/hebei")), "iss");
    }

    @Test
    void oneAudienceMustMatch() {
        refused(token(b -> b.claims(c -> c.remove("aud"))), "aud");
        refused(token(b -> b.audience(List.of("another-system"))), "aud");
        accepted(token(b -> b.audience(List.of("another-system", "permitwatch-mobile"))));
    }

    @Test
    void expiryIsRequiredAndEnforcedWithSkew() {
        refused(token(b -> b.claims(c -> c.remove("exp"))), "exp");
        accepted(token(b -> b.issuedAt(NOW.minus(Duration.ofHours(1))).expiresAt(NOW.minusSeconds(60))));
        refused(token(b -> b.issuedAt(NOW.minus(Duration.ofHours(1))).expiresAt(NOW.minusSeconds(61))), "expired");
    }

    @Test
    void issuedAtMayNotLieInTheFutureBeyondTheSkew() {
        accepted(token(b -> b.issuedAt(NOW.plusSeconds(60))));
        refused(token(b -> b.issuedAt(NOW.plusSeconds(61))), "iat");
        accepted(token(b -> b.claims(c -> c.remove("iat"))));
    }

    @Test
    void notBeforeMayNotLieInTheFutureBeyondTheSkew() {
        accepted(token(b -> b.notBefore(NOW.plusSeconds(60))));
        refused(token(b -> b.notBefore(NOW.plusSeconds(61))), "used before");
    }

    @Test
    void lifetimeIsBoundedFromIssueOrFromNowWithoutIat() {
        accepted(token(b -> b.expiresAt(NOW.plus(Duration.ofHours(12)))));
        refused(token(b -> b.expiresAt(NOW.plus(Duration.ofHours(12)).plusSeconds(1))), "lifetime");
        // Issued two hours ago for 12 h + 1 s: still too long, although only 10 h are left.
        refused(
                token(b -> b.issuedAt(NOW.minus(Duration.ofHours(2)))
                        .expiresAt(NOW.plus(Duration.ofHours(10)).plusSeconds(1))),
                "lifetime");
        accepted(token(b -> b.claims(c -> c.remove("iat")).expiresAt(NOW.plus(Duration.ofHours(12)))));
        refused(
                token(b -> b.claims(c -> c.remove("iat"))
                        .expiresAt(NOW.plus(Duration.ofHours(12)).plusSeconds(1))),
                "lifetime");
    }

    @Test
    void subjectIsRequiredAndNotBlank() {
        refused(token(b -> b.claims(c -> c.remove("sub"))), "sub");
        refused(token(b -> b.subject("  ")), "sub");
    }

    @Test
    void divisionMustBeValid() {
        refused(token(b -> b.claims(c -> c.remove("division"))), "division");
        refused(token(b -> b.claim("division", "14")), "division");
        refused(token(b -> b.claim("division", "000000")), "division");
    }

    @Test
    void aKnownRoleIsRequired() {
        refused(token(b -> b.claim("roles", List.of("JANITOR"))), "role");
        refused(token(b -> b.claims(c -> c.remove("roles"))), "role");
    }

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource({
        "PROVINCE, 140000, true", "PROVINCE, 140100, false", "PROVINCE, 140105, false",
        "CITY, 140000, false", "CITY, 140100, true", "CITY, 140105, false",
        "COUNTY, 140000, false", "COUNTY, 140100, false", "COUNTY, 140105, true",
        "INSPECTOR, 140000, false", "INSPECTOR, 140100, true", "INSPECTOR, 140105, true",
    })
    void eachRoleFitsItsDivisionLevel(String role, String division, boolean fits) {
        Jwt jwt = token(b -> b.claim("roles", List.of(role)).claim("division", division));
        if (fits) {
            accepted(jwt);
        } else {
            refused(jwt, "role " + role + " does not fit");
        }
    }

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource({
        "'CITY,INSPECTOR', 140100, true",
        "'COUNTY,INSPECTOR', 140105, true",
        "'CITY,INSPECTOR', 140105, false",
        "'PROVINCE,INSPECTOR', 140000, false",
        "'PROVINCE,CITY', 140100, false",
    })
    void everyRoleOfATokenMustFit(String roles, String division, boolean fits) {
        Jwt jwt = token(b -> b.claim("roles", List.of(roles.split(","))).claim("division", division));
        if (fits) {
            accepted(jwt);
        } else {
            refused(jwt, "does not fit");
        }
    }

    @Test
    void descriptionsNeverEchoClaimValues() {
        Jwt jwt = token(b -> b.issuer("<script>evil</script>")
                .audience(List.of("<aud>"))
                .subject(" ")
                .claim("division", "<div>"));
        OAuth2TokenValidatorResult result = POLICY.validate(jwt);
        assertThat(result.getErrors())
                .extracting(OAuth2Error::getDescription)
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(d -> assertThat(d).doesNotContain("<"));
    }
}
