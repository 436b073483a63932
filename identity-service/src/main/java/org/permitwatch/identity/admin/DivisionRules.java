package org.permitwatch.identity.admin;

import java.util.EnumSet;
import java.util.Set;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.DivisionCode.Level;
import org.permitwatch.support.security.Role;

/**
 * Who may administer whom (contract "Admin API"; issue 15: the province manages city administrators, a city manages
 * its counties' users and its inspectors, nobody manages outside its division):
 * <ul>
 *   <li>PROVINCE manages PROVINCE and CITY users of its province;
 *   <li>CITY manages COUNTY users of its counties and INSPECTOR users of its city and counties;
 *   <li>COUNTY and INSPECTOR manage nobody.
 * </ul>
 * Clients (city systems): PROVINCE any division of its province, CITY its own city and counties. Keys: PROVINCE.
 */
public final class DivisionRules {

    private DivisionRules() {}

    /** The roles a caller may manage (empty = none); always combined with {@link #inside}. */
    public static Set<Role> manageableRoles(Role caller) {
        return switch (caller) {
            case PROVINCE -> EnumSet.of(Role.PROVINCE, Role.CITY);
            case CITY -> EnumSet.of(Role.COUNTY, Role.INSPECTOR);
            case COUNTY, INSPECTOR -> EnumSet.noneOf(Role.class);
        };
    }

    public static boolean mayManageUser(AdminCaller caller, Role role, DivisionCode division) {
        return manageableRoles(caller.role()).contains(role) && inside(caller, division);
    }

    public static boolean mayManageClients(AdminCaller caller) {
        return caller.role() == Role.PROVINCE || caller.role() == Role.CITY;
    }

    /** A client bound to {@code division} is within the caller's reach (and the caller may manage clients at all). */
    public static boolean mayManageClient(AdminCaller caller, DivisionCode division) {
        return mayManageClients(caller) && inside(caller, division);
    }

    public static boolean mayManageKeys(AdminCaller caller) {
        return caller.role() == Role.PROVINCE;
    }

    /** Audit: administrators read the events of their own division (theirs and their users'). */
    public static boolean mayReadAudit(AdminCaller caller) {
        return caller.role() == Role.PROVINCE || caller.role() == Role.CITY;
    }

    public static boolean inside(AdminCaller caller, DivisionCode division) {
        return caller.division().contains(division);
    }

    /** The role a city system's token carries: the level of the division it is bound to. */
    public static Role clientRole(DivisionCode division) {
        Level level = division.level();
        return switch (level) {
            case PROVINCE -> Role.PROVINCE;
            case CITY -> Role.CITY;
            case COUNTY -> Role.COUNTY;
        };
    }
}
