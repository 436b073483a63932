package org.permitwatch.mock.fault;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.permitwatch.mock.TokenErrorStyle;

/**
 * One scripted fault: what happens, on which endpoints, from which matching request on, how often.
 * A request "matches" when its endpoint is in {@code endpoints} and, when set, its {@code pageNo} or
 * {@code permitNo} equals the filter. The fault skips the first {@code after} matching requests, then
 * fires on each following match with {@code probability}, at most {@code times} times ({@code -1} =
 * unlimited). Example — fail page 3 twice with 503, then succeed:
 * {@code FaultSpec.of(FaultType.SERVER_ERROR).on(Endpoint.LIST).onPage(3).times(2)}.
 *
 * @param status            HTTP status for SERVER_ERROR (500–599)
 * @param delayMs           delay for SLOW_RESPONSE
 * @param retryAfterSeconds Retry-After for HTTP_429
 * @param records           row count for SHORT_PAGE, DUPLICATES, MOVING_DATASET
 * @param tokenStyle        answer of TOKEN_EXPIRED (and of later calls with the revoked tokens)
 */
public record FaultSpec(
        FaultType type,
        Set<Endpoint> endpoints,
        int after,
        int times,
        double probability,
        Integer pageNo,
        String permitNo,
        int status,
        long delayMs,
        int retryAfterSeconds,
        int records,
        TokenErrorStyle tokenStyle) {

    public FaultSpec {
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        endpoints = endpoints == null || endpoints.isEmpty() ? type.defaultEndpoints() : EnumSet.copyOf(endpoints);
        if (!type.allowedEndpoints().containsAll(endpoints)) {
            throw new IllegalArgumentException(
                    type + " cannot apply to " + endpoints + "; allowed: " + type.allowedEndpoints());
        }
        if (after < 0 || times < -1 || times == 0 || probability <= 0 || probability > 1) {
            throw new IllegalArgumentException("need after >= 0, times >= 1 or -1, 0 < probability <= 1");
        }
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("status must be 5xx: " + status);
        }
        if (delayMs < 0 || retryAfterSeconds < 0 || records < 1) {
            throw new IllegalArgumentException("delayMs, retryAfterSeconds must be >= 0 and records >= 1");
        }
        endpoints = Set.copyOf(endpoints);
        tokenStyle = tokenStyle == null ? TokenErrorStyle.HTTP_401 : tokenStyle;
    }

    /** A fault of this type with its defaults: once, on the type's default endpoints, immediately. */
    public static FaultSpec of(FaultType type) {
        return new FaultSpec(type, null, 0, 1, 1.0, null, null, 503, 5_000, 1, 1, TokenErrorStyle.HTTP_401);
    }

    public FaultSpec on(Endpoint... targets) {
        return new FaultSpec(
                type,
                EnumSet.copyOf(List.of(targets)),
                after,
                times,
                probability,
                pageNo,
                permitNo,
                status,
                delayMs,
                retryAfterSeconds,
                records,
                tokenStyle);
    }

    /** Skip the first {@code n} matching requests. */
    public FaultSpec after(int n) {
        return new FaultSpec(
                type,
                endpoints,
                n,
                times,
                probability,
                pageNo,
                permitNo,
                status,
                delayMs,
                retryAfterSeconds,
                records,
                tokenStyle);
    }

    public FaultSpec times(int n) {
        return new FaultSpec(
                type,
                endpoints,
                after,
                n,
                probability,
                pageNo,
                permitNo,
                status,
                delayMs,
                retryAfterSeconds,
                records,
                tokenStyle);
    }

    public FaultSpec always() {
        return times(-1);
    }

    /** Fire on each match with this probability (drawn from the mock's seeded random). */
    public FaultSpec probability(double p) {
        return new FaultSpec(
                type,
                endpoints,
                after,
                times,
                p,
                pageNo,
                permitNo,
                status,
                delayMs,
                retryAfterSeconds,
                records,
                tokenStyle);
    }

    public FaultSpec onPage(int page) {
        return new FaultSpec(
                type,
                endpoints,
                after,
                times,
                probability,
                page,
                permitNo,
                status,
                delayMs,
                retryAfterSeconds,
                records,
                tokenStyle);
    }

    public FaultSpec forPermit(String no) {
        return new FaultSpec(
                type,
                endpoints,
                after,
                times,
                probability,
                pageNo,
                no,
                status,
                delayMs,
                retryAfterSeconds,
                records,
                tokenStyle);
    }

    public FaultSpec status(int httpStatus) {
        return new FaultSpec(
                type,
                endpoints,
                after,
                times,
                probability,
                pageNo,
                permitNo,
                httpStatus,
                delayMs,
                retryAfterSeconds,
                records,
                tokenStyle);
    }

    public FaultSpec delayMs(long ms) {
        return new FaultSpec(
                type,
                endpoints,
                after,
                times,
                probability,
                pageNo,
                permitNo,
                status,
                ms,
                retryAfterSeconds,
                records,
                tokenStyle);
    }

    public FaultSpec retryAfterSeconds(int seconds) {
        return new FaultSpec(
                type,
                endpoints,
                after,
                times,
                probability,
                pageNo,
                permitNo,
                status,
                delayMs,
                seconds,
                records,
                tokenStyle);
    }

    public FaultSpec records(int n) {
        return new FaultSpec(
                type,
                endpoints,
                after,
                times,
                probability,
                pageNo,
                permitNo,
                status,
                delayMs,
                retryAfterSeconds,
                n,
                tokenStyle);
    }

    public FaultSpec tokenStyle(TokenErrorStyle style) {
        return new FaultSpec(
                type,
                endpoints,
                after,
                times,
                probability,
                pageNo,
                permitNo,
                status,
                delayMs,
                retryAfterSeconds,
                records,
                style);
    }

    boolean matches(Endpoint endpoint, Integer requestPageNo, String requestPermitNo) {
        return endpoints.contains(endpoint)
                && (pageNo == null || pageNo.equals(requestPageNo))
                && (permitNo == null || permitNo.equals(requestPermitNo));
    }

    /**
     * Reads the admin JSON shape, e.g. {@code {"type":"SERVER_ERROR","endpoints":["LIST"],"pageNo":3,"times":2}};
     * absent members keep the defaults of {@link #of(FaultType)}.
     */
    public static FaultSpec fromMap(Map<String, Object> json) {
        Object type = json.get("type");
        if (type == null) {
            throw new IllegalArgumentException("fault needs a type, one of " + List.of(FaultType.values()));
        }
        FaultSpec spec = of(FaultType.valueOf(type.toString()));
        Set<Endpoint> endpoints = null;
        if (json.get("endpoints") instanceof Collection<?> list) {
            endpoints = EnumSet.noneOf(Endpoint.class);
            for (Object o : list) {
                endpoints.add(Endpoint.valueOf(o.toString()));
            }
        }
        return new FaultSpec(
                spec.type(),
                endpoints == null ? spec.endpoints() : endpoints,
                intOr(json, "after", spec.after()),
                intOr(json, "times", spec.times()),
                json.get("probability") instanceof Number n ? n.doubleValue() : spec.probability(),
                json.get("pageNo") instanceof Number n ? Integer.valueOf(n.intValue()) : null,
                json.get("permitNo") == null ? null : json.get("permitNo").toString(),
                intOr(json, "status", spec.status()),
                json.get("delayMs") instanceof Number n ? n.longValue() : spec.delayMs(),
                intOr(json, "retryAfterSeconds", spec.retryAfterSeconds()),
                intOr(json, "records", spec.records()),
                json.get("tokenStyle") == null
                        ? spec.tokenStyle()
                        : TokenErrorStyle.valueOf(json.get("tokenStyle").toString()));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type.name());
        m.put("endpoints", endpoints.stream().sorted().map(Enum::name).toList());
        m.put("after", after);
        m.put("times", times);
        m.put("probability", probability);
        m.put("pageNo", pageNo);
        m.put("permitNo", permitNo);
        m.put("status", status);
        m.put("delayMs", delayMs);
        m.put("retryAfterSeconds", retryAfterSeconds);
        m.put("records", records);
        m.put("tokenStyle", tokenStyle.name());
        return m;
    }

    private static int intOr(Map<String, Object> json, String key, int fallback) {
        return json.get(key) instanceof Number n ? n.intValue() : fallback;
    }
}
