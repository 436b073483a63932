package org.permitwatch.support.security;

import java.util.Optional;

/** Roles carried in the JWT {@code roles} claim; granted as {@code ROLE_<name>} authorities. */
public enum Role {
    PROVINCE,
    CITY,
    COUNTY,
    INSPECTOR;

    public static final String AUTHORITY_PREFIX = "ROLE_";

    public String authority() {
        return AUTHORITY_PREFIX + name();
    }

    /** Lenient parse of a claim value; unknown values are ignored rather than failing the whole token. */
    public static Optional<Role> fromClaim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(value.trim())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
