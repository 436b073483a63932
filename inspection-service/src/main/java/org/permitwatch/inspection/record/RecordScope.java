package org.permitwatch.inspection.record;

import java.util.UUID;
import org.permitwatch.inspection.inspector.InspectorReach;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.Role;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * What a caller may see and change among inspection records and their findings. Bureau staff (PROVINCE, CITY,
 * COUNTY) see their division; an inspector sees, inside its city ({@link InspectorReach}), only the records of tasks
 * they are assigned to (their token's subject is their inspector id). CITY and COUNTY staff and assigned inspectors may
 * write; the province only reads. Every query applies this as SQL, nothing is filtered in memory.
 *
 * @param divisionLike the caller's division as a LIKE pattern
 * @param inspectorId  set when the caller reads as an inspector: rows are limited to their assignments
 * @param staffWriter  CITY or COUNTY staff, who may write inside their division
 */
public record RecordScope(String divisionLike, UUID inspectorId, boolean staffWriter) {

    /** An id no inspector has: an INSPECTOR token whose subject is not a UUID sees nothing. */
    private static final UUID NOBODY = new UUID(0L, 0L);

    public static RecordScope of(Caller caller) {
        boolean staffWriter = caller.hasRole(Role.CITY) || caller.hasRole(Role.COUNTY);
        boolean staff = staffWriter || caller.hasRole(Role.PROVINCE);
        if (staff) {
            return new RecordScope(caller.division().likePattern(), null, staffWriter);
        }
        if (caller.hasRole(Role.INSPECTOR)) {
            return new RecordScope(InspectorReach.divisionLike(caller), parse(caller.subject()), false);
        }
        throw ApiException.forbidden("role-not-allowed", "inspection records need a bureau or inspector role");
    }

    /** Whether the caller may write to records it can see (an inspector can only see assigned ones). */
    public boolean canWrite() {
        return staffWriter || inspectorId != null;
    }

    /** SQL condition on a table with {@code division_code} and {@code task_id} columns under {@code alias}. */
    public String condition(String alias) {
        return condition(alias + ".division_code", alias + ".task_id");
    }

    /** SQL condition given the qualified columns holding the row's division code and task id. */
    public String condition(String divisionColumn, String taskIdColumn) {
        String base = divisionColumn + " LIKE :scopeDivision";
        if (inspectorId == null) {
            return base;
        }
        return base + " AND EXISTS (SELECT 1 FROM task_inspector ti WHERE ti.task_id = " + taskIdColumn
                + " AND ti.inspector_id = :scopeInspector)";
    }

    public DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
        spec = spec.bind("scopeDivision", divisionLike);
        return inspectorId == null ? spec : spec.bind("scopeInspector", inspectorId);
    }

    private static UUID parse(String subject) {
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return NOBODY;
        }
    }
}
