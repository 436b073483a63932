package org.permitwatch.testsupport;

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
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Signed RS256 tokens for tests, with the claims of ADR 0001 ({@code sub}, {@code name}, {@code roles},
 * {@code division}, {@code scope}) and the registered claims the token policy of ADR 0004 requires
 * ({@code iss}, {@code aud}, {@code iat}, {@code exp}). The key pair lives for the JVM; its public half is written
 * to a PEM file that the service under test reads like the real one. {@link #register} gives a test context the
 * key and the issuer/audience that these tokens carry, so every module's tests share one configuration.
 */
public final class TestJwts {

    public static final String ISSUER = "permitwatch-test";
    public static final String AUDIENCE = "permitwatch";
    public static final String PROPERTY = "spring.security.oauth2.resourceserver.jwt.public-key-location";
    public static final String ISSUER_PROPERTY = "permitwatch.security.jwt.issuer";
    public static final String AUDIENCES_PROPERTY = "permitwatch.security.jwt.audiences";

    private static final KeyPair KEYS = generate();
    private static volatile Path publicKeyFile;

    private TestJwts() {}

    /** A {@code file:} URL of the public key PEM. */
    public static String publicKeyLocation() {
        return publicKeyFile().toUri().toString();
    }

    public static RSAPublicKey publicKey() {
        return (RSAPublicKey) KEYS.getPublic();
    }

    /** Points the resource server of a Spring test context at the test key, issuer and audience. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add(PROPERTY, TestJwts::publicKeyLocation);
        registry.add(ISSUER_PROPERTY, () -> ISSUER);
        registry.add(AUDIENCES_PROPERTY, () -> AUDIENCE);
    }

    /**
     * The same as {@link #register} for a shared context: {@code @ContextConfiguration(initializers =
     * TestJwts.Initializer.class)} keeps the context cache key equal across test classes, which a
     * {@code @DynamicPropertySource} method (one per class) would not.
     */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "testJwts",
                            Map.of(
                                    PROPERTY,
                                    publicKeyLocation(),
                                    ISSUER_PROPERTY,
                                    ISSUER,
                                    AUDIENCES_PROPERTY,
                                    AUDIENCE)));
        }
    }

    /** A token for the role name ("PROVINCE", "INSPECTOR", …) and division, subject derived from both. */
    public static String token(String role, String division) {
        return builder().roles(role).division(division).build();
    }

    /** A token for one role (e.g. {@code Role.PROVINCE} of platform-support) and division. */
    public static String token(Enum<?> role, String division) {
        return builder().roles(role.name()).division(division).build();
    }

    /** A token with the given roles (enum constants or strings, by their name) and division. */
    public static String token(String division, Enum<?>... roles) {
        return builder()
                .roles(Arrays.stream(roles).map(Enum::name).toArray(String[]::new))
                .division(division)
                .build();
    }

    /** {@code "Bearer " + token(role, division)}. */
    public static String bearer(String role, String division) {
        return "Bearer " + token(role, division);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fluent token builder; defaults: subject "test-user", name "测试用户", no roles, division 140000, issuer
     * {@link #ISSUER}, audience {@link #AUDIENCE}, issued now, valid 1 h. For negative tests any claim can be
     * replaced ({@link #claim}) or left out ({@link #without}), e.g. {@code without("sub")}.
     */
    public static final class Builder {

        private String subject = "test-user";
        private String name = "测试用户";
        private List<String> roles = new ArrayList<>();
        private String division = "140000";
        private final List<String> scopes = new ArrayList<>();
        private Instant issuedAt = Instant.now();
        private Duration validFor = Duration.ofHours(1);
        private String issuer = ISSUER;
        private List<String> audience = List.of(AUDIENCE);
        private Instant expiresAt;
        private Instant notBefore;
        private final Map<String, Object> extraClaims = new LinkedHashMap<>();
        private final Set<String> omitted = new HashSet<>();
        private RSAPrivateKey signingKey = (RSAPrivateKey) KEYS.getPrivate();

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder roles(String... roles) {
            this.roles = new ArrayList<>(Arrays.asList(roles));
            return this;
        }

        /** A null division leaves the claim out (to test rejection). */
        public Builder division(String division) {
            this.division = division;
            return this;
        }

        public Builder scopes(String... scopes) {
            this.scopes.addAll(Arrays.asList(scopes));
            return this;
        }

        /** Lifetime from now; a negative duration yields an already expired token. */
        public Builder expiresIn(Duration validFor) {
            this.validFor = validFor;
            if (validFor.isNegative()) {
                this.issuedAt = Instant.now().plus(validFor).minus(Duration.ofMinutes(10));
            }
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String... audience) {
            this.audience = List.of(audience);
            return this;
        }

        /** {@code iat} (and {@code nbf}, unless set); the expiry stays "now + lifetime" unless set. */
        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public Builder notBefore(Instant notBefore) {
            this.notBefore = notBefore;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /** Sets or replaces any claim, registered ones included (applied last). */
        public Builder claim(String name, Object value) {
            this.extraClaims.put(name, value);
            this.omitted.remove(name);
            return this;
        }

        /** Leaves claims out of the token: {@code without("sub", "exp")}. */
        public Builder without(String... claims) {
            for (String claim : claims) {
                this.omitted.add(claim);
                this.extraClaims.remove(claim);
            }
            return this;
        }

        /** Signs with a key the service does not trust. */
        public Builder signedWithUntrustedKey() {
            this.signingKey = (RSAPrivateKey) generate().getPrivate();
            return this;
        }

        public String build() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .jwtID(UUID.randomUUID().toString())
                    .subject(subject)
                    .issuer(issuer)
                    .audience(audience)
                    .issueTime(Date.from(issuedAt))
                    .notBeforeTime(Date.from(notBefore == null ? issuedAt : notBefore))
                    .expirationTime(Date.from(expiresAt == null ? Instant.now().plus(validFor) : expiresAt))
                    .claim("roles", roles);
            if (name != null) {
                claims.claim("name", name);
            }
            if (division != null) {
                claims.claim("division", division);
            }
            if (!scopes.isEmpty()) {
                claims.claim("scope", String.join(" ", scopes));
            }
            extraClaims.forEach(claims::claim);
            omitted.forEach(claim -> claims.claim(claim, null));
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims.build());
            try {
                jwt.sign(new RSASSASigner(signingKey));
            } catch (JOSEException e) {
                throw new IllegalStateException("could not sign test token", e);
            }
            return jwt.serialize();
        }

        public String bearer() {
            return "Bearer " + build();
        }
    }

    private static Path publicKeyFile() {
        Path file = publicKeyFile;
        if (file == null) {
            synchronized (TestJwts.class) {
                file = publicKeyFile;
                if (file == null) {
                    file = writePem();
                    publicKeyFile = file;
                }
            }
        }
        return file;
    }

    private static Path writePem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEYS.getPublic().getEncoded());
        String pem = "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("permitwatch-test-jwt", ".pub.pem");
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
