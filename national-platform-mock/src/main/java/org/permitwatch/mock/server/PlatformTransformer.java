package org.permitwatch.mock.server;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.permitwatch.mock.MockOptions;
import org.permitwatch.mock.TokenErrorStyle;
import org.permitwatch.mock.dataset.DatasetSnapshot;
import org.permitwatch.mock.dataset.PermitStore;
import org.permitwatch.mock.dataset.PlatformPermit;
import org.permitwatch.mock.fault.Endpoint;
import org.permitwatch.mock.fault.FaultSpec;
import org.permitwatch.mock.fault.FaultType;
import org.permitwatch.mock.fault.Faults;

/**
 * The whole national-platform contract as one WireMock transformer behind a catch-all stub: answers are
 * computed from the live dataset rather than stored as stubs, which is what lets 100,000 permits, paging
 * over a moving dataset and scripted faults work at all.
 */
public final class PlatformTransformer implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "permitwatch-national-platform";
    static final int MAX_PAGE_SIZE = 500;
    static final int DEFAULT_PAGE_SIZE = 100;
    private static final String PERMITS = "/api/v1/permits";

    private final MockOptions options;
    private final PermitStore store;
    private final Faults faults;
    private final Tokens tokens;
    private final Counters counters = new Counters();
    private final AdminRoutes admin;
    /** DUPLICATES fault state per listing (updatedSince|pageSize): from which page on, how many rows repeat. */
    private final Map<String, int[]> duplicateShifts = new ConcurrentHashMap<>();

    public PlatformTransformer(MockOptions options, PermitStore store, Faults faults) {
        this.options = options;
        this.store = store;
        this.faults = faults;
        this.tokens = new Tokens(options.clock(), options.tokenTtl(), options.tokenErrorStyle());
        this.admin = new AdminRoutes(store, faults, this);
        faults.onClear(duplicateShifts::clear);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public MockStats stats() {
        return counters.snapshot();
    }

    public void resetStats() {
        counters.reset();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        Query query = Query.parse(request.getUrl());
        String path = query.path();
        RequestMethod method = request.getMethod();
        Reply reply;
        try {
            if (path.startsWith(AdminRoutes.PREFIX)) {
                reply = admin.handle(method, path, request.getBodyAsString());
            } else if ("/oauth/token".equals(path) && RequestMethod.POST.equals(method)) {
                reply = token(request);
            } else if (PERMITS.equals(path) && RequestMethod.GET.equals(method)) {
                reply = list(request, query.params());
            } else if (path.startsWith(PERMITS + "/") && RequestMethod.GET.equals(method)) {
                reply = detail(request, Query.decode(path.substring(PERMITS.length() + 1)));
            } else {
                reply = Reply.envelopeError(404, 40400, "接口不存在");
            }
        } catch (RuntimeException e) {
            reply = Reply.envelopeError(500, 50000, "mock error: " + e);
        }
        return reply.toDefinition();
    }

    private Reply token(Request request) {
        counters.request(Endpoint.TOKEN);
        Optional<FaultSpec> fault = fire(Endpoint.TOKEN, null, null);
        Reply early = fault.map(this::transportFault).orElse(null);
        if (early != null) {
            return early;
        }
        Map<String, String> form = Query.form(request.getBodyAsString());
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = request.getHeader("Authorization");
        if (id == null && basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = new String(
                            Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8)
                    .split(":", 2);
            id = pair[0];
            secret = pair.length > 1 ? pair[1] : null;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type");
        }
        if (!options.clientId().equals(id) || !options.clientSecret().equals(secret)) {
            return oauthError(401, "invalid_client");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issue());
        body.put("token_type", "bearer");
        body.put("expires_in", tokens.ttlSeconds());
        return contentFault(fault, Reply.json(200, Json.write(body)));
    }

    private Reply list(Request request, Map<String, String> params) {
        counters.request(Endpoint.LIST);
        Reply unauthorized = authenticate(request);
        if (unauthorized != null) {
            return unauthorized;
        }
        Integer pageNo = parseInt(params.getOrDefault("pageNo", "1"));
        Optional<FaultSpec> fault = fire(Endpoint.LIST, pageNo, null);
        Reply early = fault.map(this::transportFault).orElse(null);
        if (early != null) {
            return early;
        }
        Integer pageSize = parseInt(params.getOrDefault("pageSize", String.valueOf(DEFAULT_PAGE_SIZE)));
        String province = params.get("provinceCode");
        if (pageNo == null || pageNo < 1 || pageSize == null || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            return Reply.envelopeError(200, 40001, "参数错误：pageNo须≥1，pageSize须在1至" + MAX_PAGE_SIZE + "之间");
        }
        if (province == null || province.isBlank()) {
            return Reply.envelopeError(200, 40001, "参数错误：缺少provinceCode");
        }
        String sinceRaw = params.get("updatedSince");
        OffsetDateTime since = null;
        if (sinceRaw != null && !sinceRaw.isEmpty()) {
            try {
                since = OffsetDateTime.parse(sinceRaw, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                return Reply.envelopeError(200, 40001, "参数错误：updatedSince格式应为ISO-8601含时区，如2026-01-01T00:00:00+08:00");
            }
        }
        FaultType type = fault.map(FaultSpec::type).orElse(null);
        int k = fault.map(FaultSpec::records).orElse(0);
        long offset = (long) (pageNo - 1) * pageSize;
        if (type == FaultType.MOVING_DATASET) {
            // Rows the client has (typically) already seen are updated now: they jump to the end of the
            // listing and every later row shifts forward by k.
            List<String> seen = store.snapshot().page(since, 0, k).records().stream()
                    .map(r -> r.permitNo())
                    .toList();
            store.touch(seen);
        }
        String listingKey = sinceRaw + "|" + pageSize;
        if (type == FaultType.DUPLICATES) {
            duplicateShifts.put(listingKey, new int[] {pageNo, k});
        }
        int[] shift = duplicateShifts.get(listingKey);
        long extra = 0;
        if (shift != null && pageNo >= shift[0]) {
            offset -= shift[1];
            extra = shift[1];
        }
        DatasetSnapshot snapshot = store.snapshot();
        DatasetSnapshot.Page page = ("14".equals(province) || "140000".equals(province))
                ? snapshot.page(since, Math.max(0, offset), pageSize)
                : new DatasetSnapshot.Page(0, List.of());
        List<?> records = page.records();
        if (type == FaultType.SHORT_PAGE && records.size() > 0) {
            records = records.subList(0, Math.max(0, records.size() - k));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("total", page.total() + extra);
        data.put("pageNo", pageNo);
        data.put("pageSize", pageSize);
        data.put("records", records);
        return contentFault(fault, Reply.ok(data));
    }

    private Reply detail(Request request, String permitNo) {
        counters.request(Endpoint.DETAIL);
        Reply unauthorized = authenticate(request);
        if (unauthorized != null) {
            return unauthorized;
        }
        Optional<FaultSpec> fault = fire(Endpoint.DETAIL, null, permitNo);
        Reply early = fault.map(this::transportFault).orElse(null);
        if (early != null) {
            return early;
        }
        if (fault.isPresent() && fault.get().type() == FaultType.DELETED_BEFORE_DETAIL) {
            store.delete(permitNo);
        }
        Optional<PlatformPermit> permit = store.snapshot().find(permitNo);
        if (permit.isEmpty()) {
            return Reply.envelopeError(options.notFoundAsHttp404() ? 404 : 200, 40401, "许可证不存在：" + permitNo);
        }
        StringBuilder sb = new StringBuilder(4096).append("{\"code\":0,\"message\":\"成功\",\"data\":{");
        Json.writeMembers(sb, permit.get().summary(), true);
        Json.writeMembers(sb, permit.get().detail(), false);
        sb.append("}}");
        return contentFault(fault, Reply.json(200, sb.toString()));
    }

    private Optional<FaultSpec> fire(Endpoint endpoint, Integer pageNo, String permitNo) {
        Optional<FaultSpec> fault = faults.decide(endpoint, pageNo, permitNo);
        fault.ifPresent(f -> counters.fault(f.type()));
        return fault;
    }

    /** Faults that replace the answer altogether; null for faults that alter a normal answer. */
    private Reply transportFault(FaultSpec f) {
        return switch (f.type()) {
            case SERVER_ERROR ->
                new Reply(
                        f.status(),
                        "text/html;charset=UTF-8",
                        "<html><body><h1>" + f.status() + " Service Unavailable</h1></body></html>",
                        Map.of(),
                        0,
                        null);
            case CONNECTION_RESET -> Reply.reset();
            case HTTP_429 ->
                Reply.envelopeError(429, 42901, "请求过于频繁，请稍后重试")
                        .withHeader("Retry-After", String.valueOf(f.retryAfterSeconds()));
            case CODE_42901 -> Reply.envelopeError(200, 42901, "请求过于频繁，请稍后重试");
            case CODE_50001 -> Reply.envelopeError(200, 50001, "系统繁忙，请稍后重试");
            case BAD_PARAMETER -> Reply.envelopeError(200, 40001, "参数错误");
            case TOKEN_EXPIRED -> {
                tokens.revokeAll(f.tokenStyle());
                counters.unauthorized();
                yield unauthorized(f.tokenStyle());
            }
            default -> null;
        };
    }

    private static Reply contentFault(Optional<FaultSpec> fault, Reply normal) {
        if (fault.isEmpty()) {
            return normal;
        }
        return switch (fault.get().type()) {
            case SLOW_RESPONSE -> normal.delayed(fault.get().delayMs());
            case MALFORMED_BODY -> normal.truncated();
            default -> normal;
        };
    }

    private Reply authenticate(Request request) {
        TokenErrorStyle style = tokens.check(request.getHeader("Authorization"));
        if (style == null) {
            return null;
        }
        counters.unauthorized();
        return unauthorized(style);
    }

    private static Reply unauthorized(TokenErrorStyle style) {
        return Reply.envelopeError(style == TokenErrorStyle.HTTP_401 ? 401 : 200, 40101, "token无效或已过期");
    }

    private static Reply oauthError(int status, String error) {
        return Reply.json(status, Json.write(Map.of("error", error)));
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
