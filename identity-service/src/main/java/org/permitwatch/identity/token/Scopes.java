package org.permitwatch.identity.token;

import java.util.List;
import java.util.Set;

/** The API-area scopes of the contract, enforced by platform-support in the gateway and every service. */
public final class Scopes {

    public static final String PII_READ = "pii:read";

    /** Area scopes a client-credentials client may hold (at least one). */
    public static final Set<String> AREAS = Set.of(
            "directory:read",
            "directory:write",
            "inspection:read",
            "inspection:write",
            "liaison:read",
            "liaison:write",
            "reporting:read",
            PII_READ);

    public static final List<String> SORTED_AREAS = AREAS.stream().sorted().toList();

    private Scopes() {}
}
