package org.permitwatch.reporting.catalog;

import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Role;
import reactor.core.publisher.Mono;

/**
 * Who reads {@code /api/v1/reports/**}: bureau staff (PROVINCE, CITY, COUNTY) inside their division. An INSPECTOR is
 * refused (403): inspection-service limits an inspector to the cases and records of its own tasks, but the read models
 * here are built from events that carry no assignments (draws are published without inspectors), so this service
 * cannot apply that rule, and a unit's history would hand every case of the city (facts, fines) to any inspector.
 * What the public may know stays at {@code /api/v1/public/**}. Issue 11.3.
 */
public final class ReportReaders {

    private ReportReaders() {}

    /** The caller, or a 403 problem when it holds no bureau role. */
    public static Mono<Caller> current() {
        return CurrentCaller.get()
                .flatMap(caller -> isBureau(caller)
                        ? Mono.just(caller)
                        : Mono.error(ApiException.forbidden(
                                "reports-bureau-only",
                                "reports are read by bureau staff (PROVINCE, CITY, COUNTY); inspectors read their own tasks "
                                        + "in inspection-service")));
    }

    static boolean isBureau(Caller caller) {
        return caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY) || caller.hasRole(Role.COUNTY);
    }
}
