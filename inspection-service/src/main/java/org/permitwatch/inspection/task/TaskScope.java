package org.permitwatch.inspection.task;

import java.util.UUID;
import org.permitwatch.inspection.inspector.InspectorReach;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.Role;

/**
 * What part of the task table a caller sees: rows whose county lies inside the caller's division and, for an
 * inspector (a token whose only role is INSPECTOR), only tasks assigned to the inspector named by {@code sub},
 * anywhere in its city ({@link InspectorReach}).
 *
 * @param inspectorId null unless the caller is restricted to their own assignments
 */
record TaskScope(String divisionLike, UUID inspectorId) {

    /** Matches no inspector: a malformed subject sees nothing rather than everything. */
    private static final UUID NOBODY = new UUID(0L, 0L);

    static TaskScope of(Caller caller) {
        boolean bureau = caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY) || caller.hasRole(Role.COUNTY);
        if (bureau || !caller.hasRole(Role.INSPECTOR)) {
            return new TaskScope(caller.division().likePattern(), null);
        }
        return new TaskScope(InspectorReach.divisionLike(caller), inspectorId(caller.subject()));
    }

    private static UUID inspectorId(String subject) {
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return NOBODY;
        }
    }
}
