package org.permitwatch.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a problem's {@code errors[]} member.
 *
 * @param field         the request field (JSON path like {@code items[0].code}, or a parameter name)
 * @param message       what is wrong, for humans
 * @param rejectedValue the offending value when it is safe to echo back; omitted when null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldProblem(String field, String message, Object rejectedValue) {

    public static FieldProblem of(String field, String message) {
        return new FieldProblem(field, message, null);
    }
}
