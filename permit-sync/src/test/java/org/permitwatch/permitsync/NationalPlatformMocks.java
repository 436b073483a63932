package org.permitwatch.permitsync;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.permitwatch.mock.MockOptions;
import org.permitwatch.mock.NationalPlatformMock;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Mono;

/**
 * The national-platform mocks of the integration tests, one per dataset size, each started once per JVM. The shared
 * context is configured with {@link #BASE_URL}, a host that exists only here: {@link #routing()} (a filter on the
 * context's {@code WebClient.Builder}, see {@link PermitSyncTestConfiguration}) sends every call to that host to the
 * mock the running test class {@linkplain #route routed} to, directly (no proxy in between, so resets, delays and
 * malformed bodies reach the connector as the mock produces them).
 */
public final class NationalPlatformMocks {

    static final String HOST = "national-platform.mock.test";
    public static final String BASE_URL = "http://" + HOST;

    private static final Map<Integer, NationalPlatformMock> BY_SIZE = new ConcurrentHashMap<>();
    private static volatile NationalPlatformMock current;

    private NationalPlatformMocks() {}

    /** The mock with {@code size} generated permits (seed 42), started on first use and kept for the JVM. */
    public static NationalPlatformMock of(int size) {
        return BY_SIZE.computeIfAbsent(
                size,
                s -> NationalPlatformMock.start(
                        MockOptions.builder().port(0).size(s).seed(42L).build()));
    }

    /** From now on the connector talks to {@code mock}; true when that changed the target. */
    static boolean route(NationalPlatformMock mock) {
        boolean changed = current != mock;
        current = mock;
        return changed;
    }

    static ExchangeFilterFunction routing() {
        return (request, next) -> {
            URI url = request.url();
            if (!HOST.equals(url.getHost())) {
                return next.exchange(request);
            }
            NationalPlatformMock target = current;
            if (target == null) {
                return Mono.error(new IllegalStateException("no national-platform mock routed: call route(mock)"));
            }
            URI to = URI.create(
                    target.baseUrl() + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
            return next.exchange(ClientRequest.from(request).url(to).build());
        };
    }
}
