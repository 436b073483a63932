package org.permitwatch.support.security;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The API areas a token's scopes can be limited to (ADR 0018): one per service that serves the public API. A city
 * system's client is granted, say, {@code directory:read} and nothing else; a signed-in user's token carries no
 * area scope and is governed by its roles alone.
 */
public enum ApiArea {
    /** permit-sync: the object directory and sync runs. */
    DIRECTORY,
    INSPECTION,
    LIAISON,
    REPORTING,
    /** monitoring-service: automatic-monitoring points and their HJ 212 data (issue 18). */
    MONITORING;

    private static final String READ = ":read";
    private static final String WRITE = ":write";

    /** The scope name's prefix, e.g. {@code inspection}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String readScope() {
        return key() + READ;
    }

    public String writeScope() {
        return key() + WRITE;
    }

    /** Whether a scope names an area ({@code inspection:read}); {@code pii:read} and {@code openid} do not. */
    public static boolean isAreaScope(String scope) {
        return area(scope).isPresent();
    }

    /** The area a scope is about, for {@code <area>:read} and {@code <area>:write} only. */
    public static Optional<ApiArea> area(String scope) {
        if (scope == null) {
            return Optional.empty();
        }
        for (ApiArea area : values()) {
            if (scope.equals(area.readScope()) || scope.equals(area.writeScope())) {
                return Optional.of(area);
            }
        }
        return Optional.empty();
    }

    /** Every area scope there is, for registration checks and the OpenAPI security schemes. */
    public static Set<String> allScopes() {
        Set<String> scopes = new LinkedHashSet<>();
        for (ApiArea area : values()) {
            scopes.add(area.readScope());
            scopes.add(area.writeScope());
        }
        return Collections.unmodifiableSet(scopes);
    }
}
