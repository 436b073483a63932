package org.permitwatch.permitsync.api;

import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.DivisionCode;

/**
 * Narrows the caller's reach ({@link Caller#reach()}: its division, an inspector's city) by an optional {@code
 * division} filter that must lie inside it.
 */
public final class DivisionScope {

    private DivisionScope() {}

    /** The LIKE pattern to apply to row division codes. */
    public static String likePattern(Caller caller, String requested) {
        if (requested == null || requested.isBlank()) {
            return caller.reach().likePattern();
        }
        if (!DivisionCode.isValid(requested)) {
            throw ApiException.invalidField("division", "must be a 6-digit division code", requested);
        }
        DivisionCode division = DivisionCode.of(requested);
        if (!caller.reach().contains(division)) {
            throw ApiException.forbidden(
                    "division-out-of-scope", "division " + requested + " is outside your division");
        }
        return division.likePattern();
    }
}
