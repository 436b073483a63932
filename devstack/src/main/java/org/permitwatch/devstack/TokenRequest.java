package org.permitwatch.devstack;

import java.time.Duration;
import java.util.List;

/** What goes into a local token; claim names follow ADR 0001. */
record TokenRequest(String subject, String name, List<String> roles, String division, String scope, Duration ttl) {

    static final String ISSUER = "permitwatch-local";

    TokenRequest {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("at least one role");
        }
        if (!division.matches("\\d{6}")) {
            throw new IllegalArgumentException("division must be a 6-digit code: " + division);
        }
    }
}
