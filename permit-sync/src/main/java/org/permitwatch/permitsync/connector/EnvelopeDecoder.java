package org.permitwatch.permitsync.connector;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a 200 response body into the typed records, or into the signal its {@code code} stands for.
 * Pure functions over bytes: no I/O, safe on event-loop threads.
 */
final class EnvelopeDecoder {

    static final int OK = 0;
    static final int TOKEN_INVALID = 40101;
    static final int BAD_PARAMETER = 40001;
    static final int NOT_FOUND = 40401;
    static final int RATE_LIMITED = 42901;
    static final int BUSY = 50001;

    private final JsonMapper mapper = JsonMapper.builder()
            // Keep the platform's +08:00 offsets as sent instead of shifting them to UTC.
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /**
     * The {@code data} member of a successful envelope; {@code null} when the platform says the
     * resource does not exist (40401).
     */
    @Nullable
    JsonNode data(byte @Nullable [] body) {
        JsonNode envelope = parse(body);
        JsonNode codeNode = envelope.get("code");
        if (codeNode == null || !codeNode.isIntegralNumber()) {
            throw malformed("envelope without a numeric code", null);
        }
        int code = codeNode.intValue();
        String message = envelope.path("message").asString("");
        return switch (code) {
            case OK -> {
                JsonNode data = envelope.get("data");
                if (data == null || data.isNull()) {
                    throw malformed("envelope code 0 without data", null);
                }
                yield data;
            }
            case NOT_FOUND -> null;
            case TOKEN_INVALID -> throw new TokenRejectedSignal("code 40101: " + message);
            case RATE_LIMITED -> throw new PlatformFault(PlatformFault.Kind.RATE_LIMITED, "code 42901: " + message);
            case BUSY -> throw new PlatformFault(PlatformFault.Kind.BUSY, "code 50001: " + message);
            // 40001 and any code the contract does not know: repeating the same request cannot help.
            default ->
                throw new PlatformRejectedException(
                        code, "national platform rejected the request: " + code + " " + message);
        };
    }

    PermitPage page(JsonNode data) {
        PageData page = map(data, PageData.class);
        if (page.records() == null) {
            throw malformed("page without records", null);
        }
        page.records().forEach(EnvelopeDecoder::requireIdentity);
        return new PermitPage(page.total(), page.pageNo(), page.pageSize(), page.records());
    }

    PermitDetail detail(JsonNode data) {
        // The detail is flat: the summary's fields and the detail's fields side by side.
        PermitSummary summary = requireIdentity(map(data, PermitSummary.class));
        DetailFields fields = map(data, DetailFields.class);
        return new PermitDetail(
                summary,
                fields.address(),
                fields.legalRepresentative(),
                fields.longitude(),
                fields.latitude(),
                orEmpty(fields.outlets()),
                orEmpty(fields.fugitiveControls()),
                orEmpty(fields.selfMonitoring()),
                orEmpty(fields.executionReports()),
                orEmpty(fields.specialPeriods()));
    }

    AccessToken token(byte @Nullable [] body) {
        JsonNode json = parse(body);
        String value = json.path("access_token").asString("");
        long expiresIn = json.path("expires_in").asLong(0);
        if (value.isBlank() || expiresIn <= 0) {
            throw malformed("token response without access_token/expires_in", null);
        }
        return new AccessToken(value, expiresIn);
    }

    private JsonNode parse(byte @Nullable [] body) {
        if (body == null || body.length == 0) {
            throw malformed("empty body", null);
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw malformed("body is not a JSON object", null);
            }
            return node;
        } catch (JacksonException e) {
            throw malformed("unparseable body: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T map(JsonNode node, Class<T> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JacksonException e) {
            throw malformed("unexpected " + type.getSimpleName() + " shape: " + e.getOriginalMessage(), e);
        }
    }

    private static PermitSummary requireIdentity(PermitSummary summary) {
        // Without these the record cannot be stored or ordered: treat it like any other garbled body.
        if (summary == null
                || summary.permitNo() == null
                || summary.permitNo().isBlank()
                || summary.updatedAt() == null) {
            throw malformed("permit without permitNo or updatedAt", null);
        }
        return summary;
    }

    private static <T> List<T> orEmpty(@Nullable List<T> list) {
        return list == null ? List.of() : list;
    }

    private static PlatformFault malformed(String message, @Nullable Throwable cause) {
        return new PlatformFault(
                PlatformFault.Kind.MALFORMED_BODY, "malformed platform response: " + message, null, cause);
    }

    /** {@code data} of the list call. */
    record PageData(long total, int pageNo, int pageSize, List<PermitSummary> records) {}

    /** The detail-only members of the flat detail object. */
    record DetailFields(
            @Nullable String address,
            @Nullable String legalRepresentative,
            @Nullable Double longitude,
            @Nullable Double latitude,
            @Nullable List<PermitDetail.Outlet> outlets,
            @Nullable List<PermitDetail.FugitiveControl> fugitiveControls,
            @Nullable List<PermitDetail.SelfMonitoring> selfMonitoring,
            @Nullable List<String> executionReports,
            @Nullable List<PermitDetail.SpecialPeriod> specialPeriods) {}

    /** Bearer token and its lifetime in seconds as granted. */
    record AccessToken(String value, long expiresInSeconds) {}
}
