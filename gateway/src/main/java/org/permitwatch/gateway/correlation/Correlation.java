package org.permitwatch.gateway.correlation;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.web.server.ServerWebExchange;

/** W3C trace context and request id helpers shared by the filter and the problem writer. */
public final class Correlation {

    public static final String TRACEPARENT = "traceparent";
    public static final String REQUEST_ID = "X-Request-Id";
    static final String TRACE_ID_ATTRIBUTE = Correlation.class.getName() + ".traceId";

    private static final Pattern TRACEPARENT_FORMAT =
            Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final Pattern REQUEST_ID_FORMAT = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    private static final String INVALID_TRACE_ID = "0".repeat(32);

    private Correlation() {}

    /** The trace id of this exchange; the filter puts it there before anything can fail. */
    public static String traceId(ServerWebExchange exchange) {
        String traceId = exchange.getAttribute(TRACE_ID_ATTRIBUTE);
        if (traceId != null) {
            return traceId;
        }
        String fromHeader = traceIdOf(exchange.getRequest().getHeaders().getFirst(TRACEPARENT));
        return fromHeader != null ? fromHeader : INVALID_TRACE_ID;
    }

    /** The trace id of a well-formed traceparent header, or null. */
    static String traceIdOf(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        var matcher = TRACEPARENT_FORMAT.matcher(traceparent.trim());
        if (!matcher.matches() || matcher.group(1).equals(INVALID_TRACE_ID)) {
            return null;
        }
        return matcher.group(1);
    }

    static boolean isAcceptableRequestId(String requestId) {
        return requestId != null && REQUEST_ID_FORMAT.matcher(requestId).matches();
    }

    /** A fresh trace id, for answers given before any filter ran (e.g. Netty's own 431). */
    public static String newTraceId() {
        return randomHex(32);
    }

    static String newTraceparent() {
        return "00-" + randomHex(32) + "-" + randomHex(16) + "-01";
    }

    private static String randomHex(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder hex = new StringBuilder(length);
        while (hex.length() < length) {
            hex.append(Long.toHexString(random.nextLong() | Long.MIN_VALUE));
        }
        return hex.substring(0, length);
    }
}
