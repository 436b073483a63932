package org.permitwatch.inspection.plan;

import java.util.List;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.springframework.http.HttpStatus;

/**
 * A draft plan's version as an HTTP validator: the ETag {@code "<version>"} of the detail, and the If-Match an edit
 * must send back. A strong ETag, as If-Match needs (RFC 9110 13.1.1); a weak {@code W/"3"} is read too, because
 * proxies weaken ETags they compress.
 */
final class PlanVersions {

    private PlanVersions() {}

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match names; 428 without one, 400 naming If-Match when it is not a plan version. */
    static long fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ApiException.of(
                    HttpStatus.PRECONDITION_REQUIRED,
                    "if-match-required",
                    "send the plan's version as If-Match (the ETag of GET /api/v1/plans/{id}) to edit it");
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            long version = Long.parseLong(v);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw ApiException.badRequest(
                "validation-failed",
                "request validation failed",
                List.of(new FieldProblem("If-Match", "must be a plan version as \"<version>\"", null)));
    }
}
