package org.permitwatch.support.security;

import java.util.Collection;

/**
 * The one rule for area scopes (ADR 0018), applied by the gateway per route and by every service for itself:
 * a token that carries at least one area scope may call only the areas it names — {@code <area>:read} for safe
 * methods (GET, HEAD, OPTIONS), {@code <area>:write} for the rest, and write includes read. A token without any
 * area scope is a person's and is governed by its roles and division alone. A component that belongs to no area
 * refuses every area-limited token: failing closed beats guessing.
 */
public final class AreaScopes {

    private AreaScopes() {}

    /**
     * @param scopes     the token's scopes
     * @param area       the area of the called API, {@code null} for a component outside every area
     * @param safeMethod whether the request only reads (GET, HEAD, OPTIONS)
     */
    public static boolean permits(Collection<String> scopes, ApiArea area, boolean safeMethod) {
        if (scopes.stream().noneMatch(ApiArea::isAreaScope)) {
            return true;
        }
        if (area == null) {
            return false;
        }
        return scopes.contains(area.writeScope()) || (safeMethod && scopes.contains(area.readScope()));
    }

    public static boolean isSafe(String method) {
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }
}
