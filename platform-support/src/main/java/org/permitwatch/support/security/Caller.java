package org.permitwatch.support.security;

import java.util.Set;

/**
 * The authenticated user of a request, taken from the validated JWT.
 *
 * @param subject  the {@code sub} claim
 * @param name     display name ({@code name} claim), may be the subject when absent
 * @param roles    known roles from the {@code roles} claim, never empty for an accepted token
 * @param division the caller's division; its prefix bounds every query
 * @param scopes   the {@code scope} claim values
 */
public record Caller(String subject, String name, Set<Role> roles, DivisionCode division, Set<String> scopes) {

    /** Scope that allows reading phone numbers, e-mail addresses and ID numbers unmasked. */
    public static final String PII_READ_SCOPE = "pii:read";

    public Caller {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean canReadPersonalData() {
        return scopes.contains(PII_READ_SCOPE);
    }

    /** Whether a row with this division code is inside the caller's scope. */
    public boolean canSee(String rowDivisionCode) {
        return division.contains(rowDivisionCode);
    }
}
