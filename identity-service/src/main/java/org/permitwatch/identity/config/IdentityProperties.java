package org.permitwatch.identity.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.identity.*} (env {@code IDENTITY_*}, see application.yml). The issuer and the key-encryption key
 * have no default: a provider that does not know who it is or cannot read its keys must not start.
 *
 * @param issuer                 the fixed {@code iss} (the public URL through the gateway, ending in /auth)
 * @param audiences              the {@code aud} of every access token (the platform's JWT_AUDIENCE)
 * @param keyEncryptionKey       base64 of 32 random bytes: AES-256-GCM key for signing keys and TOTP secrets
 * @param keyRotation            how often a new signing key replaces the active one
 * @param userAccessTokenTtl     access-token lifetime for people (authorization code, refresh)
 * @param clientAccessTokenTtl   access-token lifetime for city systems (client credentials)
 * @param refreshIdle            refresh-token lifetime; rotated on every use, so it is an idle timeout
 * @param clockSkew              what the platform's token policy tolerates; retired keys stay published that much longer
 * @param localCliSecret         secret of {@code permitwatch-local-cli}; the client exists only when set
 * @param localCliMaxTtl         the longest token the local CLI may ask for (the platform's JWT_MAX_LIFETIME)
 * @param demoUsersFile          JSON file of demo users created at start when absent (local only)
 * @param consoleRedirectUris    redirect URIs of permitwatch-console
 * @param fieldRedirectUris      redirect URIs of permitwatch-field
 * @param bootstrapAdmin         the first PROVINCE administrator of an installation (IDENTITY_BOOTSTRAP_ADMIN_*)
 */
@Validated
@ConfigurationProperties("permitwatch.identity")
public record IdentityProperties(
        @NotBlank(message = "set IDENTITY_ISSUER (permitwatch.identity.issuer): the public issuer URL ending in /auth")
        String issuer,

        @NotEmpty List<@NotBlank String> audiences,

        @NotBlank(message = "set IDENTITY_KEY_ENCRYPTION_KEY: base64 of 32 random bytes (openssl rand -base64 32)")
        String keyEncryptionKey,

        @NotNull @DefaultValue("90d") Duration keyRotation,
        @NotNull @DefaultValue("10m") Duration userAccessTokenTtl,
        @NotNull @DefaultValue("30m") Duration clientAccessTokenTtl,
        @NotNull @DefaultValue("30m") Duration refreshIdle,
        @NotNull @DefaultValue("60s") Duration clockSkew,
        String localCliSecret,
        @NotNull @DefaultValue("12h") Duration localCliMaxTtl,
        String demoUsersFile,

        @DefaultValue("http://localhost:8080/console/callback")
        List<String> consoleRedirectUris,

        @DefaultValue("permitwatch-field://callback") List<String> fieldRedirectUris,
        BootstrapAdmin bootstrapAdmin) {

    public IdentityProperties {
        audiences = audiences == null
                ? List.of()
                : audiences.stream().map(String::trim).toList();
        consoleRedirectUris = trimmed(consoleRedirectUris);
        fieldRedirectUris = trimmed(fieldRedirectUris);
        bootstrapAdmin = bootstrapAdmin == null ? new BootstrapAdmin(null, null, null, null) : bootstrapAdmin;
    }

    /** Secret-backed in Kubernetes; unset (the usual case after the first start) it does nothing. */
    public record BootstrapAdmin(String username, String password, String division, String displayName) {}

    /** The longest access token this provider signs: how long a retired key must stay in the JWKS. */
    public Duration longestAccessToken() {
        Duration longest =
                userAccessTokenTtl.compareTo(clientAccessTokenTtl) > 0 ? userAccessTokenTtl : clientAccessTokenTtl;
        if (localCliSecret != null && !localCliSecret.isBlank() && localCliMaxTtl.compareTo(longest) > 0) {
            longest = localCliMaxTtl;
        }
        return longest;
    }

    public boolean localCliEnabled() {
        return localCliSecret != null && !localCliSecret.isBlank();
    }

    private static List<String> trimmed(List<String> values) {
        return values == null
                ? List.of()
                : values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
