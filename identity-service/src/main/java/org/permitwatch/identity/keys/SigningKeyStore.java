package org.permitwatch.identity.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signing keys in {@code signing_key}: one ACTIVE key signs; RETIRED keys stay published in the JWKS until
 * {@code publish_until} (retirement + the longest access token + clock skew), so a token signed just before a
 * rotation verifies until it expires. Private keys are PKCS#8 sealed under the KEK with the kid as associated data.
 */
public class SigningKeyStore {

    static final String ACTIVE = "ACTIVE";
    static final String RETIRED = "RETIRED";

    private final JdbcClient jdbc;
    private final KeyEncryption encryption;
    private final Clock clock;
    private final Duration retiredPublication;
    private volatile Snapshot snapshot;

    /** Active key with its private part, and every published public key; reloaded after a rotation or a minute. */
    record Snapshot(RSAKey active, List<JWK> published, Instant loadedAt) {}

    public SigningKeyStore(JdbcClient jdbc, KeyEncryption encryption, Clock clock, Duration retiredPublication) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.clock = clock;
        this.retiredPublication = retiredPublication;
    }

    /** Creates the first key when there is none (first start of a new installation). */
    @Transactional
    public void ensureActiveKey() {
        // Serialises two replicas starting together on an empty table.
        jdbc.sql("LOCK TABLE signing_key IN SHARE ROW EXCLUSIVE MODE").update();
        Integer active = jdbc.sql("SELECT count(*) FROM signing_key WHERE state = 'ACTIVE'")
                .query(Integer.class)
                .single();
        if (active == 0) {
            insertNewActive();
        }
        snapshot = null;
    }

    /** Retires the active key (published until it can no longer have signed a live token) and activates a new one. */
    @Transactional
    public SigningKey rotate() {
        jdbc.sql("LOCK TABLE signing_key IN SHARE ROW EXCLUSIVE MODE").update();
        Instant now = clock.instant();
        jdbc.sql("UPDATE signing_key SET state = 'RETIRED', retired_at = :now, publish_until = :until"
                        + " WHERE state = 'ACTIVE'")
                .param("now", Timestamp.from(now))
                .param("until", Timestamp.from(now.plus(retiredPublication)))
                .update();
        SigningKey created = insertNewActive();
        snapshot = null;
        return created;
    }

    /**
     * Rotates only when the active key was created before {@code cutoff}, deciding under the table lock, so replicas
     * running the schedule together rotate once.
     */
    @Transactional
    public Optional<SigningKey> rotateIfActiveBefore(Instant cutoff) {
        jdbc.sql("LOCK TABLE signing_key IN SHARE ROW EXCLUSIVE MODE").update();
        boolean due = activeSince().map(since -> since.isBefore(cutoff)).orElse(true);
        return due ? Optional.of(rotate()) : Optional.empty();
    }

    /** When the active key was created; empty when there is none. */
    public Optional<Instant> activeSince() {
        return jdbc.sql("SELECT created_at FROM signing_key WHERE state = 'ACTIVE'")
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    public List<SigningKey> list() {
        return jdbc.sql("SELECT kid, state, created_at, retired_at, publish_until FROM signing_key"
                        + " ORDER BY created_at DESC")
                .query((rs, i) -> new SigningKey(
                        rs.getString("kid"),
                        rs.getString("state"),
                        instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("retired_at")),
                        instant(rs.getTimestamp("publish_until"))))
                .list();
    }

    RSAKey activeKey() {
        return current().active();
    }

    List<JWK> publishedKeys() {
        return current().published();
    }

    /** Drops the cached keys (another replica may have rotated). */
    public void invalidate() {
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null
                || s.loadedAt().plusSeconds(60).isBefore(now)
                || s.loadedAt().isAfter(now)) {
            s = load(now);
            snapshot = s;
        }
        return s;
    }

    private Snapshot load(Instant now) {
        record Row(String kid, String state, byte[] publicDer, byte[] privateSealed) {}
        List<Row> rows = jdbc.sql("SELECT kid, state, public_key_der, private_key_encrypted FROM signing_key"
                        + " WHERE state = 'ACTIVE' OR (state = 'RETIRED' AND publish_until > :now)"
                        + " ORDER BY created_at DESC")
                .param("now", Timestamp.from(now))
                .query((rs, i) -> new Row(
                        rs.getString("kid"),
                        rs.getString("state"),
                        rs.getBytes("public_key_der"),
                        rs.getBytes("private_key_encrypted")))
                .list();
        RSAKey active = null;
        List<JWK> published = new ArrayList<>();
        for (Row row : rows) {
            RSAPublicKey publicKey = publicKey(row.publicDer());
            RSAKey.Builder builder = new RSAKey.Builder(publicKey)
                    .keyID(row.kid())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256);
            published.add(builder.build());
            if (ACTIVE.equals(row.state())) {
                active = builder.privateKey(privateKey(row.kid(), row.privateSealed()))
                        .build();
            }
        }
        if (active == null) {
            throw new IllegalStateException("no ACTIVE signing key in signing_key");
        }
        return new Snapshot(active, List.copyOf(published), now);
    }

    private SigningKey insertNewActive() {
        KeyPair pair = generate();
        String kid = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO signing_key (kid, state, created_at, public_key_der, private_key_encrypted)"
                        + " VALUES (:kid, 'ACTIVE', :now, :pub, :priv)")
                .param("kid", kid)
                .param("now", Timestamp.from(now))
                .param("pub", pair.getPublic().getEncoded())
                .param("priv", encryption.encrypt(pair.getPrivate().getEncoded(), kid))
                .update();
        return new SigningKey(kid, ACTIVE, now, null, null);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    private static RSAPublicKey publicKey(byte[] der) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable public key in signing_key", e);
        }
    }

    private RSAPrivateKey privateKey(String kid, byte[] sealed) {
        byte[] der = encryption.decrypt(sealed, kid);
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable private key in signing_key " + kid, e);
        }
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
