package org.permitwatch.registry.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The clients the registry knows. Passwords come from the environment only (application.yml maps one variable per
 * client, {@code REGISTRY_PASSWORD_<CLIENT>}); a client without a password cannot log in.
 *
 * @param clients every client that may talk to the registry
 * @param minPasswordLength passwords are compared as SHA-256 digests, which is only safe for random, long secrets:
 *                          shorter ones are refused at start-up
 */
@ConfigurationProperties("permitwatch.registry.security")
public record RegistrySecurityProperties(
        @DefaultValue List<Client> clients,
        @DefaultValue("24") int minPasswordLength) {

    /**
     * @param name     the basic-auth user name, the client's {@code spring.application.name}
     * @param access   what it may write; {@link RegistryAccess#APP} by default
     * @param app      the Eureka application it may write with {@link RegistryAccess#APP}; its name in upper case by default
     * @param password empty = this client is switched off
     */
    public record Client(String name, @DefaultValue("APP") RegistryAccess access, String app, String password) {}
}
