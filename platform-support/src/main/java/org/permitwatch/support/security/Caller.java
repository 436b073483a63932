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

    /**
     * The division whose rows this caller may read: its own, except an INSPECTOR's, which is its whole city. A city's
     * draw sends any inspector of the city — those of its county bureaus (分局) included — to any unit of the city, so
     * a Xiaodian (140105) inspector must be able to read the permit of a Wanbailin (140109) unit it is assigned to.
     * Services narrow further where rows belong to assignments (inspection-service: only the inspector's own tasks).
     */
    public DivisionCode reach() {
        return hasRole(Role.INSPECTOR) ? division.cityCode() : division;
    }

    /** Whether a row with this division code is inside the caller's scope. */
    public boolean canSee(String rowDivisionCode) {
        return division.contains(rowDivisionCode);
    }
}
