package org.permitwatch.systemtest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Tokens an attacker who holds a correctly signed token (or the signing key of a careless IdP client) could craft:
 * signed with the platform's own local key, so the signature is valid and only the claims are wrong. Each token
 * starts from the claims of a real {@code ./run.sh token} (so issuer and audience are whatever the platform is
 * configured with) and changes one thing.
 */
final class HostileTokens {

    private final RSAPrivateKey key;
    private final Map<String, Object> base;

    HostileTokens(Path privateKeyPem, String validToken) {
        this.key = readKey(privateKeyPem);
        try {
            this.base = new LinkedHashMap<>(
                    SignedJWT.parse(validToken).getJWTClaimsSet().toJSONObject());
        } catch (ParseException e) {
            throw new IllegalStateException("run.sh minted an unparseable token", e);
        }
    }

    /** The valid token's claims, re-signed with fresh times: the control that proves the harness signs correctly. */
    String valid() {
        return sign(claims -> {});
    }

    /** name of the flaw → token. */
    Map<String, String> flawed() {
        long now = Instant.now().getEpochSecond();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("no sub", sign(c -> c.remove("sub")));
        out.put("blank sub", sign(c -> c.put("sub", " ")));
        out.put("no exp", sign(c -> c.remove("exp")));
        out.put("expired", sign(c -> {
            c.put("iat", now - 7200);
            c.put("exp", now - 3600);
        }));
        out.put("no iss", sign(c -> c.remove("iss")));
        out.put("foreign iss", sign(c -> c.put("iss", "https://idp.attacker.example")));
        out.put("no aud", sign(c -> c.remove("aud")));
        out.put("foreign aud", sign(c -> c.put("aud", List.of("some-other-system"))));
        out.put("iat 5 min in the future", sign(c -> {
            c.put("iat", now + 300);
            c.put("exp", now + 3600);
        }));
        out.put("nbf 5 min in the future", sign(c -> c.put("nbf", now + 300)));
        out.put("lifetime 30 days", sign(c -> {
            c.put("iat", now);
            c.put("exp", now + Duration.ofDays(30).toSeconds());
        }));
        out.put("CITY at the province's code", sign(c -> {
            c.put("roles", List.of("CITY"));
            c.put("division", "140000");
        }));
        out.put("COUNTY at a city's code", sign(c -> {
            c.put("roles", List.of("COUNTY"));
            c.put("division", "140100");
        }));
        out.put("PROVINCE at a city's code", sign(c -> {
            c.put("roles", List.of("PROVINCE"));
            c.put("division", "140100");
        }));
        return out;
    }

    private String sign(Consumer<Map<String, Object>> change) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>(base);
        claims.put("iat", now);
        claims.put("exp", now + 600);
        claims.remove("nbf");
        change.accept(claims);
        try {
            JWTClaimsSet set = JWTClaimsSet.parse(claims);
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .type(JOSEObjectType.JWT)
                            .build(),
                    set);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static RSAPrivateKey readKey(Path pem) {
        try {
            String body = Files.readString(pem, StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the platform's local signing key " + pem, e);
        }
    }
}
