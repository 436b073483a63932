package org.permitwatch.registry.security;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The clients that may log in, by user name; checked once at start-up. */
final class RegistryClients {

    private static final Logger log = LoggerFactory.getLogger(RegistryClients.class);

    private final Map<String, RegistryClient> byName;

    RegistryClients(RegistrySecurityProperties properties) {
        Map<String, RegistryClient> clients = new LinkedHashMap<>();
        for (RegistrySecurityProperties.Client client : properties.clients()) {
            if (client.name() == null || client.name().isBlank()) {
                throw new IllegalStateException("permitwatch.registry.security.clients: a client has no name");
            }
            if (clients.containsKey(client.name())) {
                throw new IllegalStateException("permitwatch.registry.security.clients: '" + client.name() + "' twice");
            }
            if (client.password() == null || client.password().isEmpty()) {
                String variable = "REGISTRY_PASSWORD_"
                        + client.name().toUpperCase(Locale.ROOT).replace('-', '_');
                if (client.access() == RegistryAccess.PEER) {
                    // Normal for a single registry (local, dev): it has no peer to replicate with.
                    log.info("no peer password ({}): this registry accepts no replication", variable);
                } else if (client.access() == RegistryAccess.METRICS) {
                    // Normal where nothing scrapes the registry (local): then nobody reads its metrics.
                    log.info("no scraper password ({}): nobody may read this registry's metrics", variable);
                } else {
                    log.warn(
                            "registry client '{}' has no password: it cannot log in (set {})", client.name(), variable);
                }
                continue;
            }
            if (client.password().length() < properties.minPasswordLength()) {
                // Name the client, never the value.
                throw new IllegalStateException("the registry password of '" + client.name() + "' is shorter than "
                        + properties.minPasswordLength() + " characters: use a random one (openssl rand -hex 24)");
            }
            clients.put(client.name(), RegistryClient.of(client));
        }
        this.byName = Map.copyOf(clients);
        log.info("registry clients that may log in: {}", clients.values());
    }

    Optional<RegistryClient> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
