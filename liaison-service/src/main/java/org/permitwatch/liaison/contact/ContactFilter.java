package org.permitwatch.liaison.contact;

import java.util.ArrayList;
import java.util.List;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.DivisionCode;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The list's optional filters (the console's 联络员 screen): a division — its contacts and those of divisions inside
 * it, so 140100 lists Taiyuan's two liaisons — and a role. They narrow the caller's visible rows; they never widen
 * them (the scope clause stays in the query), so a division outside the caller's simply lists nothing.
 */
record ContactFilter(DivisionCode division, ContactRole role) {

    static final ContactFilter NONE = new ContactFilter(null, null);

    /** Both parameters checked at once; each bad one named as the field it came in. */
    static ContactFilter of(String division, String role) {
        List<FieldProblem> problems = new ArrayList<>();
        DivisionCode d = null;
        if (division != null && !division.isBlank()) {
            if (DivisionCode.isValid(division)) {
                d = DivisionCode.of(division);
            } else {
                problems.add(new FieldProblem("division", "must be a 6-digit division code", division));
            }
        }
        ContactRole r = null;
        if (role != null && !role.isBlank()) {
            r = ContactRole.parse(role).orElse(null);
            if (r == null) {
                problems.add(new FieldProblem("role", "must be ENFORCEMENT, PERMIT_ISSUING or PROVINCE", role));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "liaison filter is invalid", problems);
        }
        return new ContactFilter(d, r);
    }

    /** The extra WHERE conditions, bound by {@link #bind}. */
    String sql() {
        return (division == null ? "" : " AND c.division_code LIKE :filterDivision")
                + (role == null ? "" : " AND c.role = :filterRole");
    }

    DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec) {
        DatabaseClient.GenericExecuteSpec out = spec;
        if (division != null) {
            out = out.bind("filterDivision", division.likePattern());
        }
        if (role != null) {
            out = out.bind("filterRole", role.name());
        }
        return out;
    }
}
