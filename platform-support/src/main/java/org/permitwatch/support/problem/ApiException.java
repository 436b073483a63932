package org.permitwatch.support.problem;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A failure that the caller should see as a specific RFC 9457 problem. Thrown (or returned via
 * {@code Mono.error}) from handlers and services; rendered by {@link ProblemAdvice}.
 * {@code code} is stable and kebab-case, it becomes {@code type = urn:permitwatch:problem:<code>}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String title;
    private final List<FieldProblem> errors;

    public ApiException(HttpStatus status, String code, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title != null ? title : status.getReasonPhrase();
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiException of(HttpStatus status, String code, String detail) {
        return new ApiException(status, code, null, detail, List.of());
    }

    public static ApiException notFound(String code, String detail) {
        return of(HttpStatus.NOT_FOUND, code, detail);
    }

    public static ApiException badRequest(String code, String detail) {
        return of(HttpStatus.BAD_REQUEST, code, detail);
    }

    /** A 400 naming the fields at fault, shaped like a bean-validation failure. */
    public static ApiException badRequest(String code, String detail, List<FieldProblem> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, null, detail, errors);
    }

    /** Shortcut for a single-field validation failure detected in code (e.g. cross-field rules). */
    public static ApiException invalidField(String field, String message, Object rejectedValue) {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                ProblemCodes.VALIDATION_FAILED,
                null,
                "request validation failed",
                List.of(new FieldProblem(field, message, rejectedValue)));
    }

    public static ApiException conflict(String code, String detail) {
        return of(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiException forbidden(String code, String detail) {
        return of(HttpStatus.FORBIDDEN, code, detail);
    }

    public static ApiException unauthorized(String detail) {
        return of(HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHORIZED, detail);
    }

    public static ApiException unprocessable(String code, String detail) {
        return of(HttpStatus.UNPROCESSABLE_CONTENT, code, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
