package org.permitwatch.identity.token;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.permitwatch.support.security.ApiArea;

/**
 * The scopes a client-credentials client may be granted: the API-area scopes (platform-support {@link ApiArea}, the
 * one list the gateway and the services enforce) and {@code pii:read}. Only the area scopes limit a token; whether a
 * scope is one is {@link ApiArea#isAreaScope}'s call, not this class's.
 */
public final class Scopes {

    public static final String PII_READ = "pii:read";

    /** Scopes a client-credentials client may hold (at least one area scope among them). */
    public static final Set<String> GRANTABLE = grantable();

    public static final List<String> SORTED_GRANTABLE =
            GRANTABLE.stream().sorted().toList();

    private Scopes() {}

    private static Set<String> grantable() {
        Set<String> scopes = new LinkedHashSet<>(ApiArea.allScopes());
        scopes.add(PII_READ);
        return Set.copyOf(scopes);
    }
}
