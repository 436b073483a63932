package org.permitwatch.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The RFC 9457 body we send, with the ADR 0001 extension members {@code code}, {@code traceId} and
 * {@code errors}. A record of our own rather than Spring's {@code ProblemDetail} so the wire shape does not
 * depend on which Jackson mix-ins happen to be registered.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String code,
        String traceId,
        List<FieldProblem> errors) {}
