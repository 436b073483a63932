package org.permitwatch.inspection.remote;

import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.Role;

/** Remote checks and alerts are bureau work: inspectors act on the tasks made from alerts, not on alerts. */
final class Bureau {

    private Bureau() {}

    static Caller require(Caller caller) {
        if (!(caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY) || caller.hasRole(Role.COUNTY))) {
            throw ApiException.forbidden(
                    ProblemCodes.FORBIDDEN, "only province, city and county bureaus see remote " + "checks and alerts");
        }
        return caller;
    }
}
