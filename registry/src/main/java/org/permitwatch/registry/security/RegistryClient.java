package org.permitwatch.registry.security;

import java.util.Locale;

/**
 * A client that may log in, with only the SHA-256 digest of its password kept.
 *
 * @param app the Eureka application (upper case) it may write; null for READ and PEER clients
 */
record RegistryClient(String name, RegistryAccess access, String app, byte[] passwordDigest) {

    static RegistryClient of(RegistrySecurityProperties.Client client) {
        String app = client.access() == RegistryAccess.APP
                ? (client.app() == null || client.app().isBlank() ? client.name() : client.app())
                        .toUpperCase(Locale.ROOT)
                : null;
        return new RegistryClient(client.name(), client.access(), app, PasswordDigest.of(client.password()));
    }

    boolean mayWrite(String targetApp) {
        return access == RegistryAccess.PEER || (access == RegistryAccess.APP && app.equals(targetApp));
    }

    @Override
    public String toString() {
        // Never print the digest: it would let anyone who reads the log test guesses offline.
        return name + " (" + access + (app == null ? "" : " " + app) + ")";
    }
}
