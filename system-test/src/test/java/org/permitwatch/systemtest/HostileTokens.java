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
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens an attacker who stole both the identity provider's database and its key-encryption key could craft:
 * signed with the provider's ACTIVE signing key (table {@code signing_key} of database {@code identity}, its PKCS#8
 * private key AES-256-GCM under the KEK with the kid as associated data — the identity contract), so the signature
 * and the key id are valid and only the claims are wrong. Each token starts from the claims of a real token of the
 * provider (so issuer and audience are whatever the platform is configured with) and changes one thing.
 */
final class HostileTokens {

    private final RSAPrivateKey key;
    private final String kid;
    private final Map<String, Object> base;

    HostileTokens(Db db, Path kekFile, String validToken) {
        List<List<String>> active = db.rows(
                "identity",
                "SELECT kid, encode(private_key_encrypted, 'base64') FROM signing_key WHERE state = 'ACTIVE'"
                        + " ORDER BY created_at DESC LIMIT 1");
        if (active.isEmpty()) {
            throw new IllegalStateException("the identity provider has no ACTIVE signing key");
        }
        this.kid = active.get(0).get(0);
        this.key = decrypt(kid, active.get(0).get(1), kekFile);
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
                            .keyID(kid)
                            .build(),
                    set);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    /** Stored bytes = 12-byte IV || ciphertext + 128-bit tag, AES-256-GCM, AAD = the kid (UTF-8). */
    private static RSAPrivateKey decrypt(String kid, String storedBase64, Path kekFile) {
        try {
            byte[] stored = Base64.getDecoder().decode(storedBase64.replaceAll("\\s", ""));
            byte[] kek = Base64.getDecoder()
                    .decode(Files.readString(kekFile, StandardCharsets.US_ASCII).strip());
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(kek, "AES"),
                    new GCMParameterSpec(128, Arrays.copyOfRange(stored, 0, 12)));
            cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
            byte[] pkcs8 = cipher.doFinal(stored, 12, stored.length - 12);
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the provider's signing key " + kid + " with " + kekFile, e);
        }
    }
}
