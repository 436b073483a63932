package org.permitwatch.devstack;

import java.time.Duration;
import java.util.List;

/**
 * What goes into a local token; claim names follow ADR 0001, the registered claims ADR 0004. The issuer and
 * audience default to what run.sh configures the platform with (JWT_ISSUER, JWT_AUDIENCE under the local profile).
 */
record TokenRequest(
        String subject,
        String name,
        List<String> roles,
        String division,
        String scope,
        Duration ttl,
        String issuer,
        List<String> audience) {

    static final String ISSUER = "permitwatch-local";
    static final String AUDIENCE = "permitwatch";

    TokenRequest {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("at least one role");
        }
        if (!division.matches("\\d{6}")) {
            throw new IllegalArgumentException("division must be a 6-digit code: " + division);
        }
        audience = List.copyOf(audience);
    }

    /** A request with the local issuer and audience. */
    TokenRequest(String subject, String name, List<String> roles, String division, String scope, Duration ttl) {
        this(subject, name, roles, division, scope, ttl, ISSUER, List.of(AUDIENCE));
    }
}
