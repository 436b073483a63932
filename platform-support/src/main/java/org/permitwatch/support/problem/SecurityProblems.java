package org.permitwatch.support.problem;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/** Maps Spring Security exceptions onto our problem codes. */
final class SecurityProblems {

    private SecurityProblems() {}

    static Throwable translate(Throwable error) {
        if (error instanceof AccessDeniedException) {
            return ApiException.forbidden(ProblemCodes.FORBIDDEN, "you are not allowed to do this");
        }
        if (error instanceof AuthenticationException) {
            return ApiException.unauthorized("authentication is required");
        }
        return error;
    }
}
