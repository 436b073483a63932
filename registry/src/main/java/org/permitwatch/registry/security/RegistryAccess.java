package org.permitwatch.registry.security;

/** What a registry client may do besides reading the registry, which every authenticated client but the scraper may. */
public enum RegistryAccess {
    /** Register, renew, override the status of and delete instances of its own application only. */
    APP,
    /** Read only (the gateway: it resolves {@code lb://} routes and needs no registration of its own). */
    READ,
    /** Another registry replica: replicates every application ({@code /eureka/peerreplication/**}). */
    PEER,
    /**
     * The metrics scraper: the registry's own {@code /actuator/prometheus} only, never the registry's contents (the
     * instances' addresses are none of a scraper's business).
     */
    METRICS
}
