package org.permitwatch.identity.client;

import java.time.Instant;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;

/** A row of {@code client_account}: what a client-credentials token of that client says about its holder. */
public record ClientAccount(
        String clientId,
        String kind,
        Role role,
        DivisionCode division,
        boolean enabled,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    public static final String BUILT_IN = "BUILT_IN";
    public static final String SYSTEM = "SYSTEM";
}
