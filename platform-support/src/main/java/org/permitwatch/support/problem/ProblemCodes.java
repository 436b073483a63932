package org.permitwatch.support.problem;

/** Problem codes produced by the library itself; services add their own kebab-case codes. */
public final class ProblemCodes {

    public static final String TYPE_PREFIX = "urn:permitwatch:problem:";

    public static final String VALIDATION_FAILED = "validation-failed";
    public static final String MALFORMED_REQUEST = "malformed-request";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not-found";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String NOT_ACCEPTABLE = "not-acceptable";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String INTERNAL_ERROR = "internal-error";

    private ProblemCodes() {}

    public static String type(String code) {
        return TYPE_PREFIX + code;
    }
}
