package org.permitwatch.permitsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.permitwatch.mock.NationalPlatformMock;
import org.permitwatch.mock.fault.Endpoint;
import org.permitwatch.mock.fault.FaultSpec;
import org.permitwatch.mock.fault.FaultType;
import org.permitwatch.permitsync.NationalPlatformMocks;
import org.permitwatch.permitsync.PermitSyncApplication;
import org.permitwatch.permitsync.PermitSyncIntegrationTest;
import org.permitwatch.permitsync.PermitSyncTestConfiguration;
import org.permitwatch.permitsync.PermitSyncTestSupport;
import org.permitwatch.testsupport.SharedTestDatabase;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two replicas of permit-sync on one database (ADR 0036): the shared test context is instance A, and this class
 * starts a second application context, instance B, with the same configuration against the same PostgreSQL, broker
 * and platform mock. One test, in the order a rolling update goes: B starts while A runs a run (B neither pauses it
 * nor runs it too, and refuses a second one); then B owns a run and is closed half-way (A continues it from its
 * checkpoint and it ends SUCCEEDED, every permit once in the directory and on the changelog).
 */
class TwoInstancesSyncIT extends PermitSyncTestSupport {

    private static final int SIZE = 500;

    @Autowired
    SyncInstance instanceA;

    @Autowired
    Environment environment;

    private ConfigurableApplicationContext instanceB;

    @Override
    protected NationalPlatformMock platform() {
        return NationalPlatformMocks.of(SIZE);
    }

    @BeforeEach
    void reset() {
        cleanDatabase();
        platform().reset();
    }

    @AfterEach
    void stopB() {
        platform().faults().clear();
        if (instanceB != null) {
            instanceB.close();
        }
    }

    @Test
    void aSecondInstanceNeitherPausesNorDuplicatesALiveRunAndContinuesItWhenItsOwnerLeaves() {
        // Details answer after 1.5 s (below the 4 s response timeout): 100 details at 16 at a time are 7 rounds, so a
        // page takes 10 s or more and run 1 outlives B's start-up.
        platform()
                .faults()
                .enable(FaultSpec.of(FaultType.SLOW_RESPONSE)
                        .on(Endpoint.DETAIL)
                        .always()
                        .delayMs(1_500));
        UUID first = startRun("FULL");
        assertThat(run(first).get("lease_owner")).isEqualTo(instanceA.id());

        instanceB = startInstanceB();
        String b = instanceB.getBean(SyncInstance.class).id();
        assertThat(b).isNotEqualTo(instanceA.id());

        // B is up: the run is still A's and still RUNNING (its start-up paused nothing), B refuses a second run, and
        // B's supervisor (every 200 ms) leaves a live lease alone.
        assertThat(runStatus(first)).isEqualTo("RUNNING");
        trigger(clientOf(instanceB)).expectStatus().isEqualTo(409);
        sleep(1_000);
        Map<String, Object> live = run(first);
        assertThat(live.get("status")).isEqualTo("RUNNING");
        assertThat(live.get("lease_owner")).isEqualTo(instanceA.id());
        assertThat(intOf(live, "pause_count")).isZero();
        assertThat(count("SELECT count(*) FROM sync_run WHERE status IN ('RUNNING', 'PAUSED')"))
                .isEqualTo(1);

        platform().faults().clear();
        assertThat(awaitRunEnd(first, Duration.ofMinutes(2))).isEqualTo("SUCCEEDED");
        assertThat(intOf(run(first), "pause_count")).isZero();
        assertThat(audits("sync.run.takeover")).as("A ran it from start to end").isZero();
        assertDirectoryEqualsPlatform(platform());

        // Second part: B owns a run and leaves (a rolling update stops the old pod) after two pages.
        cleanDatabase();
        platform()
                .faults()
                .enable(FaultSpec.of(FaultType.SLOW_RESPONSE)
                        .on(Endpoint.DETAIL)
                        .always()
                        .delayMs(300));
        UUID second = idOf(trigger(clientOf(instanceB)).expectStatus().isAccepted());
        assertThat(run(second).get("lease_owner")).isEqualTo(b);
        awaitPages(second, 2);
        instanceB.close();
        instanceB = null;

        platform().faults().clear();
        assertThat(awaitRunEnd(second, Duration.ofMinutes(2))).isEqualTo("SUCCEEDED");
        assertThat(count("""
                        SELECT count(*) FROM audit_log WHERE action = 'sync.run.takeover'
                            AND details->>'previousOwner' = '%s' AND details->>'instance' = '%s'""".formatted(b, instanceA.id())))
                .as("A took the run over from B")
                .isEqualTo(1);
        assertDirectoryEqualsPlatform(platform());
        assertThat(intOf(run(second), "created"))
                .as("each page counted once across both owners")
                .isEqualTo(SIZE);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE topic = 'directory.unit.events.v1'"))
                .as("every permit exactly once on the changelog")
                .isEqualTo(SIZE);
        assertThat(count("SELECT count(DISTINCT message_key) FROM outbox_event"))
                .isEqualTo(SIZE);
    }

    /**
     * Instance B: permit-sync with the shared context's test properties, on its own random port, against the shared
     * database (same application name → same {@link SharedTestDatabase}) and the same embedded broker. Command-line
     * arguments, as builder properties would lose to application.yml.
     */
    private ConfigurableApplicationContext startInstanceB() {
        List<String> args = new ArrayList<>();
        for (String property : PermitSyncIntegrationTest.class
                .getAnnotation(SpringBootTest.class)
                .properties()) {
            args.add("--" + property);
        }
        args.add("--server.port=0");
        args.add("--spring.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"));
        args.add("--permitwatch.sync.lease.instance-id=permit-sync-b-"
                + UUID.randomUUID().toString().substring(0, 4));
        return new SpringApplicationBuilder(
                        PermitSyncApplication.class, PermitSyncTestConfiguration.class, OwnReactorResources.class)
                .initializers(new SharedTestDatabase(), new TestJwts.Initializer())
                .run(args.toArray(String[]::new));
    }

    /**
     * B's own event loops and connection pool. With the JVM's global ones, closing B disposed them (Spring's
     * ReactorResourceFactory does on destroy), cutting A's connections to the platform mid-run: A's breaker opened and
     * the run paused (seen once, session 24's CI pre-check). In production each instance is a JVM of its own.
     */
    @Configuration(proxyBeanMethods = false)
    static class OwnReactorResources {

        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory factory = new ReactorResourceFactory();
            factory.setUseGlobalResources(false);
            // B leaves as a killed pod would: no grace period for its own loops
            factory.setShutdownQuietPeriod(Duration.ZERO);
            factory.setShutdownTimeout(Duration.ofSeconds(1));
            return factory;
        }
    }

    private static WebTestClient clientOf(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    private static WebTestClient.ResponseSpec trigger(WebTestClient client) {
        return client.post()
                .uri("/api/v1/sync/runs")
                .header(HttpHeaders.AUTHORIZATION, bearer(provinceToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", "FULL"))
                .exchange();
    }

    private static UUID idOf(WebTestClient.ResponseSpec accepted) {
        String location = accepted.expectHeader()
                .exists(HttpHeaders.LOCATION)
                .expectBody()
                .returnResult()
                .getResponseHeaders()
                .getLocation()
                .toString();
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    private void awaitPages(UUID id, int pages) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (intOf(run(id), "pages") < pages) {
            assertThat(runStatus(id)).isEqualTo("RUNNING");
            if (System.nanoTime() > deadline) {
                throw new AssertionError("run " + id + " did not commit " + pages + " pages: " + run(id));
            }
            sleep(100);
        }
    }

    private long audits(String action) {
        return count("SELECT count(*) FROM audit_log WHERE action = '" + action + "'");
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> r.get(0, Long.class)).one().block();
    }
}
