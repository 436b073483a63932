package org.permitwatch.gateway.problem;

import org.springframework.http.HttpStatus;

/** The code, title and a fixed, safe detail of a client error the gateway answers itself. */
record EdgeProblem(HttpStatus status, String code, String title, String detail) {

    static EdgeProblem forClientError(int status) {
        return switch (status) {
            case 400 ->
                new EdgeProblem(
                        HttpStatus.BAD_REQUEST, "malformed-request", "Bad request", "The request could not be read");
            case 404 ->
                new EdgeProblem(
                        HttpStatus.NOT_FOUND, "not-found", "Not found", "No API or endpoint is served at this path");
            case 405 ->
                new EdgeProblem(
                        HttpStatus.METHOD_NOT_ALLOWED,
                        "method-not-allowed",
                        "Method not allowed",
                        "This path does not accept this HTTP method; see the Allow header");
            case 406 ->
                new EdgeProblem(
                        HttpStatus.NOT_ACCEPTABLE,
                        "not-acceptable",
                        "Not acceptable",
                        "No representation matches the Accept header");
            case 413 ->
                new EdgeProblem(
                        HttpStatus.PAYLOAD_TOO_LARGE,
                        "payload-too-large",
                        "Payload too large",
                        "The request body is larger than allowed");
            case 415 ->
                new EdgeProblem(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported-media-type",
                        "Unsupported media type",
                        "The Content-Type is not accepted here");
            default -> {
                HttpStatus resolved = HttpStatus.resolve(status);
                HttpStatus known = resolved == null ? HttpStatus.BAD_REQUEST : resolved;
                yield new EdgeProblem(known, "http-" + known.value(), known.getReasonPhrase(), known.getReasonPhrase());
            }
        };
    }
}
