package org.permitwatch.permitsync.connector;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.permitwatch.permitsync.connector.EnvelopeDecoder.AccessToken;
import org.permitwatch.permitsync.connector.PlatformCallCounter.CallKind;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/**
 * {@link NationalPlatformClient} over WebClient/Reactor Netty. Each logical call runs as
 * Retry(CircuitBreaker([Bulkhead](TimeLimiter(attempt)))), an attempt being: take the cached token,
 * send the call, and on 401/40101 replace the token once and send the call once more; every HTTP
 * exchange passes the platform's rate limiter (see {@link PlatformResilience}).
 */
public final class WebClientNationalPlatformClient implements NationalPlatformClient {

    static final int MAX_PAGE_SIZE = 500;

    private final NationalPlatformProperties properties;
    private final WebClient webClient;
    private final PlatformResilience resilience;
    private final PlatformCallCounter calls;
    private final EnvelopeDecoder decoder = new EnvelopeDecoder();
    private final AccessTokenCache tokens;

    public WebClientNationalPlatformClient(
            NationalPlatformProperties properties,
            WebClient.Builder webClientBuilder,
            PlatformResilienceRegistries registries,
            PlatformCallCounter calls) {
        this.properties = properties;
        this.webClient = webClient(properties, webClientBuilder);
        this.resilience = new PlatformResilience(properties, registries);
        this.calls = calls;
        this.tokens = new AccessTokenCache(this::fetchToken, properties.tokenRefreshSkew());
    }

    /** A client with registries and counter of its own: for tests, benchmarks and tools without Spring. */
    public static WebClientNationalPlatformClient standalone(
            NationalPlatformProperties properties, WebClient.Builder webClientBuilder) {
        return new WebClientNationalPlatformClient(
                properties,
                webClientBuilder,
                PlatformResilienceRegistries.ofDefaults(),
                PlatformCallCounter.standalone());
    }

    @Override
    public Mono<PermitPage> listPermits(@Nullable OffsetDateTime updatedSince, int pageNo, int pageSize) {
        if (pageNo < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            return Mono.error(new IllegalArgumentException(
                    "pageNo must be >= 1 and pageSize 1.." + MAX_PAGE_SIZE + ": " + pageNo + "/" + pageSize));
        }
        Map<String, Object> query = new HashMap<>();
        query.put("provinceCode", properties.provinceCode());
        query.put("pageNo", pageNo);
        query.put("pageSize", pageSize);
        String template = "/api/v1/permits?provinceCode={provinceCode}&pageNo={pageNo}&pageSize={pageSize}";
        if (updatedSince != null) {
            // As a URI variable the value is fully encoded, so the offset's '+' does not arrive as a space.
            query.put("updatedSince", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(updatedSince));
            template += "&updatedSince={updatedSince}";
        }
        String uriTemplate = template;
        Mono<PermitPage> attempt = authorized(
                        CallKind.LIST, token -> exchange(CallKind.LIST, token, spec -> spec.uri(uriTemplate, query)))
                .switchIfEmpty(Mono.error(() -> new PlatformRejectedException(
                        EnvelopeDecoder.NOT_FOUND, "national platform answered 'not found' to a permit list query")))
                .map(decoder::page);
        return logical(CallKind.LIST, attempt, resilience::list);
    }

    @Override
    public Mono<PermitDetail> getPermit(String permitNo) {
        if (permitNo == null || permitNo.isBlank()) {
            return Mono.error(new IllegalArgumentException("permitNo must not be blank"));
        }
        Mono<PermitDetail> attempt = authorized(
                        CallKind.DETAIL,
                        token -> exchange(
                                CallKind.DETAIL, token, spec -> spec.uri("/api/v1/permits/{permitNo}", permitNo)))
                .map(decoder::detail);
        return logical(CallKind.DETAIL, attempt, resilience::detail);
    }

    /** HTTP calls sent so far, by kind. */
    public PlatformCallCounter callCounter() {
        return calls;
    }

    /** How many {@link #getPermit} calls may be in flight at once; more fail with the bulkhead full. */
    public int maxConcurrentDetails() {
        return properties.detailBulkhead().maxConcurrent();
    }

    private <T> Mono<T> logical(CallKind kind, Mono<T> attempt, Function<Mono<T>, Mono<T>> guard) {
        return Mono.defer(() -> {
                    AtomicBoolean first = new AtomicBoolean(true);
                    Mono<T> counted = Mono.defer(() -> {
                        if (!first.getAndSet(false)) {
                            calls.recordRetry(kind);
                        }
                        return attempt;
                    });
                    return guard.apply(counted);
                })
                .onErrorMap(error -> !(error instanceof PlatformException), this::toUnavailable);
    }

    /** One attempt: the call with the cached token and, if the platform rejects the token, once more with a new one. */
    private Mono<JsonNode> authorized(CallKind kind, Function<AccessToken, Mono<JsonNode>> call) {
        return tokens.token()
                .flatMap(token -> call.apply(token)
                        .onErrorResume(
                                TokenRejectedSignal.class,
                                rejected -> tokens.replace(token)
                                        .flatMap(call)
                                        .onErrorMap(
                                                TokenRejectedSignal.class,
                                                again -> new PlatformFault(
                                                        PlatformFault.Kind.TOKEN_REJECTED,
                                                        kind + " call: token rejected again right after a refresh",
                                                        null,
                                                        again))));
    }

    private Mono<JsonNode> exchange(
            CallKind kind,
            AccessToken token,
            Function<WebClient.RequestHeadersUriSpec<?>, WebClient.RequestHeadersSpec<?>> uri) {
        Mono<JsonNode> send = Mono.defer(() -> {
            calls.recordCall(kind);
            return uri.apply(webClient.get())
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token.value())
                    .accept(MediaType.APPLICATION_JSON)
                    .exchangeToMono(this::readData);
        });
        return resilience
                .rateLimited(send)
                .onErrorMap(WebClientNationalPlatformClient::isTransportError, error -> transportFault(kind, error));
    }

    private Mono<JsonNode> readData(ClientResponse response) {
        HttpStatusCode status = response.statusCode();
        if (status.is2xxSuccessful()) {
            return response.bodyToMono(byte[].class)
                    .defaultIfEmpty(new byte[0])
                    .flatMap(body -> Mono.justOrEmpty(decoder.data(body)));
        }
        if (status.value() == 401) {
            return response.releaseBody().then(Mono.error(new TokenRejectedSignal("HTTP 401")));
        }
        if (status.value() == 404) {
            return response.releaseBody().then(Mono.empty());
        }
        return response.releaseBody().then(Mono.error(statusError(status, response)));
    }

    private Mono<AccessToken> fetchToken() {
        Mono<AccessToken> send = Mono.defer(() -> {
            calls.recordCall(CallKind.TOKEN);
            return webClient
                    .post()
                    .uri("/oauth/token")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(BodyInserters.fromFormData("grant_type", "client_credentials")
                            .with("client_id", properties.clientId())
                            .with("client_secret", properties.clientSecret()))
                    .exchangeToMono(this::readToken);
        });
        return resilience
                .rateLimited(send)
                .onErrorMap(
                        WebClientNationalPlatformClient::isTransportError,
                        error -> transportFault(CallKind.TOKEN, error))
                // 40101 from the token endpoint itself means our credentials are wrong.
                .onErrorMap(
                        TokenRejectedSignal.class,
                        rejected -> new PlatformRejectedException(
                                EnvelopeDecoder.TOKEN_INVALID, "national platform rejected the client credentials"));
    }

    private Mono<AccessToken> readToken(ClientResponse response) {
        HttpStatusCode status = response.statusCode();
        if (status.is2xxSuccessful()) {
            return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).map(decoder::token);
        }
        if (status.value() == 400 || status.value() == 401 || status.value() == 403) {
            return response.releaseBody()
                    .then(Mono.error(new PlatformRejectedException(
                            status.value(),
                            "national platform token endpoint refused the client credentials: HTTP "
                                    + status.value())));
        }
        return response.releaseBody().then(Mono.error(statusError(status, response)));
    }

    /** 429 and 5xx are transient; any other status means the request itself is wrong. */
    private static RuntimeException statusError(HttpStatusCode status, ClientResponse response) {
        if (status.value() == 429) {
            return new PlatformFault(
                    PlatformFault.Kind.RATE_LIMITED,
                    "HTTP 429",
                    retryAfter(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER)),
                    null);
        }
        if (status.is5xxServerError()) {
            return new PlatformFault(PlatformFault.Kind.SERVER_ERROR, "HTTP " + status.value());
        }
        return new PlatformRejectedException(
                status.value(), "national platform refused the request: HTTP " + status.value());
    }

    /**
     * {@code Retry-After} as delay-seconds or an HTTP date; null when absent or unreadable. An HTTP date is the
     * platform's wall-clock time, so it is measured against the system clock, not the bureau's (a test's) clock.
     */
    @Nullable
    static Duration retryAfter(@Nullable String header) {
        return retryAfter(header, Clock.systemUTC());
    }

    @Nullable
    static Duration retryAfter(@Nullable String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(
                        ZonedDateTime.now(clock), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    /** Whatever failed below our own decoding: connection refused/reset, premature close, read timeout. */
    private static boolean isTransportError(Throwable error) {
        return !(error instanceof PlatformFault
                || error instanceof PlatformException
                || error instanceof TokenRejectedSignal
                || error instanceof RequestNotPermitted);
    }

    private static PlatformFault transportFault(CallKind kind, Throwable error) {
        if (error instanceof DataBufferLimitException) {
            return new PlatformFault(
                    PlatformFault.Kind.MALFORMED_BODY, kind + " response larger than max-response-size", null, error);
        }
        return new PlatformFault(PlatformFault.Kind.TRANSPORT, kind + " call failed: " + error, null, error);
    }

    private PlatformUnavailableException toUnavailable(Throwable error) {
        String reason;
        if (error instanceof CallNotPermittedException) {
            String breaker = "circuit breaker '" + PlatformResilience.PLATFORM + "'";
            reason = resilience.circuitBreaker().getState() == CircuitBreaker.State.HALF_OPEN
                    ? breaker + " half-open trial gave no verdict within "
                            + properties.timeouts().call()
                    : breaker + " is open";
        } else if (error instanceof BulkheadFullException) {
            reason = "more than " + maxConcurrentDetails() + " detail fetches in flight";
        } else if (error instanceof RequestNotPermitted) {
            reason = "rate limiter gave no permit within "
                    + properties.rateLimit().maxWait();
        } else {
            reason = error.getMessage();
        }
        return new PlatformUnavailableException("national platform unavailable: " + reason, error);
    }

    private static WebClient webClient(NationalPlatformProperties properties, WebClient.Builder builder) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        properties.timeouts().connect().toMillis())
                .responseTimeout(properties.timeouts().response())
                // Reactor Netty would silently resend a request once on a stale connection; our Retry
                // must see (and count) every attempt.
                .disableRetry(true);
        return builder.clone()
                .baseUrl(properties.baseUrl().toString())
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize((int)
                        Math.min(Integer.MAX_VALUE, properties.maxResponseSize().toBytes())))
                .build();
    }

    /** The breaker and bulkhead this client uses, for tests in this package. */
    PlatformResilience resilience() {
        return resilience;
    }
}
