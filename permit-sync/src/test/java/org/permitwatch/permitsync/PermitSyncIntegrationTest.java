package org.permitwatch.permitsync;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.mock.MockOptions;
import org.permitwatch.testsupport.SharedTestDatabase;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one context of permit-sync's integration tests: real PostgreSQL (zonky, {@link SharedTestDatabase}), an
 * embedded KRaft broker and the national-platform mock ({@link NationalPlatformMocks}: one mock per dataset size,
 * started once per JVM, the class picks its own). Every class that uses only this annotation shares the context.
 *
 * <p>The properties are the union of what the classes needed, one value each:
 * <ul>
 *   <li>fast retries and a quick breaker, so fault tests do not wait for production back-offs;
 *   <li>response timeout 4 s: below the 5 s of the slow-response faults (they must time out), and generous enough
 *       that a loaded CI machine does not pause the syncs of the feedback tests (1 s did);
 *   <li>page size 100 (the sync engine's paging and checkpoint tests count pages of 100), outbox batches of 500
 *       (10,000 snapshots in the large sync);
 *   <li>no scheduled sync and no scheduled feedback reconciliation: tests run them themselves;
 *   <li>automatic resume after 10 min (± 50 %) on the {@code SettableClock}, which only the self-healing tests move:
 *       every other test sees a paused run stay paused until it triggers it, as before; 3 attempts;
 *   <li>a 6 s lease renewed every second (a 2 s lease expired under a load average of 20 on two cores) and a look
 *       for due or orphaned runs every 200 ms: a take-over costs the tests the lease they set themselves, or nothing
 *       when the owner released it at shutdown.
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "logging.level.org.permitwatch.permitsync=DEBUG",
            "logging.structured.format.console=",
            "eureka.client.enabled=false",
            "permitwatch.national-platform.base-url=" + NationalPlatformMocks.BASE_URL,
            "permitwatch.national-platform.client-id=" + MockOptions.DEFAULT_CLIENT_ID,
            "permitwatch.national-platform.client-secret=" + MockOptions.DEFAULT_CLIENT_SECRET,
            "permitwatch.national-platform.retry.max-attempts=3",
            "permitwatch.national-platform.retry.initial-backoff=20ms",
            "permitwatch.national-platform.retry.max-backoff=100ms",
            "permitwatch.national-platform.retry.max-retry-after=2s",
            "permitwatch.national-platform.timeouts.response=4s",
            "permitwatch.national-platform.timeouts.call=20s",
            "permitwatch.national-platform.rate-limit.calls-per-second=5000",
            "permitwatch.national-platform.circuit-breaker.wait-in-open=500ms",
            "permitwatch.national-platform.detail-bulkhead.max-concurrent=16",
            // Fewer than a page's details: those beyond the trial wait for its verdict.
            "permitwatch.national-platform.circuit-breaker.permitted-calls-in-half-open=5",
            "permitwatch.sync.detail-concurrency=16",
            "permitwatch.sync.page-size=100",
            "permitwatch.sync.schedule-cron=-",
            "permitwatch.sync.auto-resume.max-attempts=3",
            "permitwatch.sync.auto-resume.initial-backoff=10m",
            "permitwatch.sync.auto-resume.max-backoff=20m",
            "permitwatch.sync.lease.ttl=6s",
            "permitwatch.sync.lease.heartbeat=1s",
            "permitwatch.sync.supervise-interval=200ms",
            // only LargeSyncIT's 10,000-permit run is large enough (ADR 0062); the other classes' runs are not
            "permitwatch.sync.heap-return.enabled=true",
            "permitwatch.sync.heap-return.min-fetched=5000",
            "permitwatch.directory.feedback.reconcile-cron=-",
            "permitwatch.outbox.batch-size=500"
        })
@AutoConfigureWebTestClient(timeout = "PT30S")
// spring-kafka-test 4 brokers are always KRaft (ZooKeeper support is gone), hence no kraft attribute.
// The enforcement topics the directory feedback consumes belong to inspection-service: created here, as its beans
// would.
@EmbeddedKafka(
        partitions = 1,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        topics = {EnforcementTopics.CASES, InspectionTopics.INSPECTIONS})
@ContextConfiguration(initializers = {SharedTestDatabase.class, TestJwts.Initializer.class})
@Import(PermitSyncTestConfiguration.class)
public @interface PermitSyncIntegrationTest {}
