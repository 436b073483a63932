package org.permitwatch.mock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.permitwatch.mock.dataset.DatasetSnapshot;
import org.permitwatch.mock.dataset.PermitStore;
import org.permitwatch.mock.fault.Faults;
import org.permitwatch.mock.server.MockStats;
import org.permitwatch.mock.server.PlatformTransformer;

/**
 * A running mock of the national permit information platform (see NATIONAL_PLATFORM_API.md).
 *
 * <pre>{@code
 * try (NationalPlatformMock mock = NationalPlatformMock.start(MockOptions.builder().size(2000).seed(42L).build())) {
 *   mock.faults().enable(FaultSpec.of(FaultType.SERVER_ERROR).on(Endpoint.LIST).onPage(3).times(2));
 *   // point the client at mock.baseUrl() with mock.clientId() / mock.clientSecret(), run the sync, then
 *   // compare with mock.dataset().stream() and read mock.stats().
 *   mock.dataset().mutations().update(10);   // or mock.mutate().update(10)
 * }
 * }</pre>
 */
public final class NationalPlatformMock implements AutoCloseable {

    private final MockOptions options;
    private final PermitStore store;
    private final Faults faults;
    private final PlatformTransformer platform;
    private final WireMockServer server;

    private NationalPlatformMock(MockOptions options) {
        this.options = options;
        this.store = new PermitStore(options.seed(), options.size(), options.clock());
        this.faults = new Faults(options.seed());
        this.platform = new PlatformTransformer(options, store, faults);
        this.server = new WireMockServer(WireMockConfiguration.options()
                .port(options.port())
                .bindAddress(options.bindAddress())
                // 100k detail calls per sync would otherwise pile up in the request journal
                .disableRequestJournal()
                .containerThreads(32)
                .notifier(new Slf4jNotifier(false))
                .extensions(platform));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(PlatformTransformer.NAME)));
    }

    /** Generates the dataset and starts serving; returns when the port is open. */
    public static NationalPlatformMock start(MockOptions options) {
        return new NationalPlatformMock(options);
    }

    public static NationalPlatformMock start() {
        return start(MockOptions.defaults());
    }

    /** e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
    public String baseUrl() {
        return "http://" + options.bindAddress() + ":" + server.port();
    }

    public int port() {
        return server.port();
    }

    public String clientId() {
        return options.clientId();
    }

    public String clientSecret() {
        return options.clientSecret();
    }

    public MockOptions options() {
        return options;
    }

    /** What the platform holds right now (immutable snapshot; take a new one after changes). */
    public DatasetSnapshot dataset() {
        return store.snapshot();
    }

    /** Changes between syncs: {@code update(n)}, {@code changeStatus(n)}, {@code addNew(n)}, {@code delete(no)}, {@code reset()}. */
    public PermitStore mutate() {
        return store;
    }

    public Faults faults() {
        return faults;
    }

    public MockStats stats() {
        return platform.stats();
    }

    public void resetStats() {
        platform.resetStats();
    }

    /** Dataset back to the generated one, no faults, zeroed counters. */
    public void reset() {
        store.reset();
        faults.clear();
        platform.resetStats();
    }

    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
