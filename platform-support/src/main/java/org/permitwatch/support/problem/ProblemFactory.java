package org.permitwatch.support.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.permitwatch.support.audit.RequestInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import tools.jackson.core.JacksonException;

/** Turns any exception into a {@link Problem}; shared by the controller advice and the web exception handler. */
public class ProblemFactory {

    private static final Logger log = LoggerFactory.getLogger(ProblemFactory.class);
    /** A qualified Java name such as {@code java.util.UUID}: such reasons are not shown. */
    private static final java.util.regex.Pattern JAVA_NAME =
            java.util.regex.Pattern.compile("\\b[a-z]+\\.[a-z]+\\.\\w");

    public Problem from(Throwable error, ServerWebExchange exchange) {
        String instance = exchange.getRequest().getPath().value();
        String traceId = RequestInfo.fromExchange(exchange).traceId();
        return from(error, instance, traceId);
    }

    public Problem from(Throwable error, String instance, String traceId) {
        if (error instanceof ApiException api) {
            return new Problem(
                    ProblemCodes.type(api.code()),
                    api.title(),
                    api.status().value(),
                    api.detail(),
                    instance,
                    api.code(),
                    traceId,
                    api.errors());
        }
        if (error instanceof WebExchangeBindException bind) {
            return validation(bindErrors(bind), instance, traceId);
        }
        if (error instanceof HandlerMethodValidationException methodValidation) {
            return validation(methodErrors(methodValidation), instance, traceId);
        }
        if (error instanceof ConstraintViolationException violations) {
            return validation(constraintErrors(violations), instance, traceId);
        }
        if (error instanceof ServerWebInputException input) {
            return malformed(input, instance, traceId);
        }
        if (error instanceof ResponseStatusException status) {
            return fromStatus(status, instance, traceId);
        }
        log.error("Unhandled error on {}", instance, error);
        return of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemCodes.INTERNAL_ERROR,
                "An unexpected error occurred; quote the trace id when reporting it.",
                instance,
                traceId,
                List.of());
    }

    public Problem of(
            HttpStatusCode status,
            String code,
            String detail,
            String instance,
            String traceId,
            List<FieldProblem> errors) {
        return new Problem(
                ProblemCodes.type(code), reason(status), status.value(), detail, instance, code, traceId, errors);
    }

    private Problem validation(List<FieldProblem> errors, String instance, String traceId) {
        return of(
                HttpStatus.BAD_REQUEST,
                ProblemCodes.VALIDATION_FAILED,
                "request validation failed",
                instance,
                traceId,
                errors);
    }

    /**
     * Unreadable bodies and parameters of the wrong type. The messages come from {@link ExpectedValue}, never from
     * Jackson or the conversion service, whose texts name Java types.
     */
    private Problem malformed(ServerWebInputException input, String instance, String traceId) {
        List<FieldProblem> errors = new ArrayList<>();
        String detail = "the request could not be read";
        JacksonException jackson = findCause(input, JacksonException.class);
        TypeMismatchException mismatch = findCause(input, TypeMismatchException.class);
        MethodParameter parameter = input.getMethodParameter();
        if (jackson != null && !jackson.getPath().isEmpty()) {
            String field = jsonPath(jackson.getPath());
            errors.add(FieldProblem.of(field, ExpectedValue.of(jackson)));
            detail = "the request body has an invalid value at '" + field + "'";
        } else if (jackson != null || findCause(input, DecodingException.class) != null) {
            detail = "the request body is not valid JSON";
        } else if (mismatch != null) {
            String name = parameter != null ? parameterName(parameter) : mismatch.getPropertyName();
            Class<?> type = mismatch.getRequiredType() != null
                    ? mismatch.getRequiredType()
                    : parameter != null ? parameter.getNestedParameterType() : null;
            name = name != null ? name : "parameter";
            errors.add(new FieldProblem(name, ExpectedValue.of(type), safeValue(mismatch.getValue())));
            detail = "parameter '" + name + "' " + ExpectedValue.of(type);
        } else if (input instanceof MissingRequestValueException missing) {
            errors.add(FieldProblem.of(missing.getName(), "is required"));
            detail = missing.getLabel() + " '" + missing.getName() + "' is missing";
        } else if (parameter != null && parameter.getParameterName() != null) {
            String name = parameterName(parameter);
            errors.add(FieldProblem.of(name, ExpectedValue.of(parameter.getNestedParameterType())));
            detail = "parameter '" + name + "' is invalid";
        } else if (input.getReason() != null
                && !JAVA_NAME.matcher(input.getReason()).find()) {
            detail = input.getReason();
        }
        return of(HttpStatus.BAD_REQUEST, ProblemCodes.MALFORMED_REQUEST, detail, instance, traceId, errors);
    }

    private Problem fromStatus(ResponseStatusException status, String instance, String traceId) {
        HttpStatusCode code = status.getStatusCode();
        String problemCode = switch (code.value()) {
            case 401 -> ProblemCodes.UNAUTHORIZED;
            case 403 -> ProblemCodes.FORBIDDEN;
            case 404 -> ProblemCodes.NOT_FOUND;
            case 405 -> ProblemCodes.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCodes.NOT_ACCEPTABLE;
            case 413 -> ProblemCodes.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemCodes.UNSUPPORTED_MEDIA_TYPE;
            default -> code.is5xxServerError() ? ProblemCodes.INTERNAL_ERROR : "http-" + code.value();
        };
        String detail;
        if (code.is5xxServerError()) {
            // Reasons of server errors may carry internals; log them and say nothing specific.
            log.error("Server error on {}", instance, status);
            detail = "An unexpected error occurred; quote the trace id when reporting it.";
        } else if (status instanceof MethodNotAllowedException notAllowed) {
            detail = "method " + notAllowed.getHttpMethod() + " is not supported here; supported: "
                    + notAllowed.getSupportedMethods();
        } else if (status instanceof UnsupportedMediaTypeStatusException media) {
            detail = "content type " + media.getContentType() + " is not supported";
        } else if (status instanceof NotAcceptableStatusException) {
            detail = "none of the acceptable media types can be produced";
        } else if (code.value() == 404) {
            detail = "no resource at " + instance;
        } else {
            detail = status.getReason() != null ? status.getReason() : reason(code);
        }
        return of(code, problemCode, detail, instance, traceId, List.of());
    }

    private static List<FieldProblem> bindErrors(WebExchangeBindException bind) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError fe : bind.getFieldErrors()) {
            errors.add(new FieldProblem(fe.getField(), fe.getDefaultMessage(), safeValue(fe.getRejectedValue())));
        }
        for (ObjectError ge : bind.getGlobalErrors()) {
            errors.add(FieldProblem.of(ge.getObjectName(), ge.getDefaultMessage()));
        }
        errors.sort(Comparator.comparing(FieldProblem::field));
        return errors;
    }

    /** Constraints on handler parameters ({@code @RequestParam @Min(1) int size}) and on {@code @Valid} bodies. */
    private static List<FieldProblem> methodErrors(HandlerMethodValidationException ex) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors parameterErrors) {
                for (FieldError fe : parameterErrors.getFieldErrors()) {
                    errors.add(
                            new FieldProblem(fe.getField(), fe.getDefaultMessage(), safeValue(fe.getRejectedValue())));
                }
                continue;
            }
            String name = parameterName(result.getMethodParameter());
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                errors.add(new FieldProblem(name, error.getDefaultMessage(), safeValue(result.getArgument())));
            }
        }
        errors.sort(Comparator.comparing(FieldProblem::field));
        return errors;
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
        if (pathVariable != null && !pathVariable.name().isEmpty()) {
            return pathVariable.name();
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        String name = parameter.getParameterName();
        return name != null ? name : "arg" + parameter.getParameterIndex();
    }

    private static List<FieldProblem> constraintErrors(ConstraintViolationException ex) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : ex.getConstraintViolations()) {
            errors.add(new FieldProblem(
                    lastNodes(v.getPropertyPath().toString()), v.getMessage(), safeValue(v.getInvalidValue())));
        }
        errors.sort(Comparator.comparing(FieldProblem::field));
        return errors;
    }

    /** Method validation paths look like {@code create.arg0.name}; drop the method name. */
    private static String lastNodes(String path) {
        int dot = path.indexOf('.');
        return dot > 0 ? path.substring(dot + 1) : path;
    }

    /** Only echo simple values; objects could be large or hold data the caller should not see again. */
    private static Object safeValue(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof CharSequence s) {
            return s.length() > 200 ? s.subSequence(0, 200) + "…" : s.toString();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return null;
    }

    private static String jsonPath(List<JacksonException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < 10; depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            t = t.getCause();
        }
        return null;
    }

    private static String reason(HttpStatusCode status) {
        HttpStatus resolved = HttpStatus.resolve(status.value());
        return resolved != null ? resolved.getReasonPhrase() : "HTTP " + status.value();
    }
}
