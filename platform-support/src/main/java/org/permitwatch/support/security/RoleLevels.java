package org.permitwatch.support.security;

import java.util.EnumSet;
import java.util.Set;
import org.permitwatch.support.security.DivisionCode.Level;

/**
 * Which division levels a role may be held at. Scope checks compare prefixes only, so a CITY role on a province
 * code (140000) would otherwise act on the whole province; such a token is refused when it is validated.
 * INSPECTOR is a field role of a city or county bureau (the inspector directory registers inspectors there), never
 * of the province office.
 */
public final class RoleLevels {

    private RoleLevels() {}

    public static Set<Level> allowed(Role role) {
        return switch (role) {
            case PROVINCE -> EnumSet.of(Level.PROVINCE);
            case CITY -> EnumSet.of(Level.CITY);
            case COUNTY -> EnumSet.of(Level.COUNTY);
            case INSPECTOR -> EnumSet.of(Level.CITY, Level.COUNTY);
        };
    }

    public static boolean fits(Role role, DivisionCode division) {
        return allowed(role).contains(division.level());
    }
}
