package org.permitwatch.identity.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * RFC 9457 problems for the admin API in the platform's shape (platform-support's problem model, ADR 0001):
 * {@code type = urn:permitwatch:problem:<code>}, plus {@code code} and {@code errors[]} naming each field. Spring
 * MVC's {@link ProblemDetail} carries them here because the reactive writer of platform-support does not apply.
 */
@RestControllerAdvice(basePackageClasses = AdminProblems.class)
public class AdminProblems {

    private static final Logger log = LoggerFactory.getLogger(AdminProblems.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        return problem(e.status(), e.code(), e.title(), e.detail(), e.errors(), request);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> FieldProblem.of(f.getField(), f.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        return problem(
                HttpStatus.BAD_REQUEST,
                ProblemCodes.VALIDATION_FAILED,
                null,
                "request validation failed",
                errors,
                request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return problem(
                HttpStatus.BAD_REQUEST,
                ProblemCodes.VALIDATION_FAILED,
                null,
                "request validation failed",
                List.of(FieldProblem.of(e.getName(), "has the wrong format")),
                request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return problem(
                HttpStatus.BAD_REQUEST,
                ProblemCodes.MALFORMED_REQUEST,
                null,
                "the request body is not valid JSON of the expected shape",
                List.of(),
                request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, null, "not allowed", List.of(), request);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "duplicate", null, "the name or id is already taken", List.of(), request);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> stale(OptimisticLockingFailureException e, HttpServletRequest request) {
        return problem(
                HttpStatus.CONFLICT,
                "stale-version",
                null,
                "the record changed since it was read; read it again",
                List.of(FieldProblem.of("version", "does not match the current version")),
                request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse spring) {
            // Spring MVC's own 4xx (no handler, wrong method, media type): same shape, its status.
            HttpStatusCode status = spring.getStatusCode();
            String code = switch (status.value()) {
                case 404 -> ProblemCodes.NOT_FOUND;
                case 405 -> ProblemCodes.METHOD_NOT_ALLOWED;
                case 406 -> ProblemCodes.NOT_ACCEPTABLE;
                case 415 -> ProblemCodes.UNSUPPORTED_MEDIA_TYPE;
                default -> status.is4xxClientError() ? ProblemCodes.MALFORMED_REQUEST : ProblemCodes.INTERNAL_ERROR;
            };
            return problem(status, code, null, spring.getBody().getDetail(), List.of(), request);
        }
        log.error("admin API request failed: {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemCodes.INTERNAL_ERROR,
                null,
                "unexpected error",
                List.of(),
                request);
    }

    static ResponseEntity<ProblemDetail> problem(
            HttpStatusCode status,
            String code,
            String title,
            String detail,
            List<FieldProblem> errors,
            HttpServletRequest request) {
        return ResponseEntity.status(status)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail(status, code, title, detail, errors, request));
    }

    /** The one place the admin API's problem body is built (the handlers above and {@link AdminSecurityProblems}). */
    static ProblemDetail detail(
            HttpStatusCode status,
            String code,
            String title,
            String detail,
            List<FieldProblem> errors,
            HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(ProblemCodes.type(code)));
        HttpStatus known = HttpStatus.resolve(status.value());
        body.setTitle(title != null ? title : known != null ? known.getReasonPhrase() : "Error");
        body.setInstance(URI.create(request.getRequestURI()));
        body.setProperty("code", code);
        if (errors != null && !errors.isEmpty()) {
            body.setProperty("errors", errors);
        }
        return body;
    }
}
