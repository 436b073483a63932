package org.permitwatch.registry.security;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Sends the peer credentials on every call a registry makes to the other replicas: replication and its own
 * registration/fetch (both Eureka's Jersey clients, which only ever talk to the peer URLs). A header instead of
 * userinfo in EUREKA_URL because Eureka logs the peer URLs (PeerEurekaNodes: "Replica node URL: ...").
 */
final class PeerBasicAuthFilter implements ClientRequestFilter {

    private final String authorization;

    PeerBasicAuthFilter(String username, String password) {
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle("Authorization", authorization);
    }

    @Override
    public String toString() {
        return "PeerBasicAuthFilter";
    }
}
