package org.permitwatch.inspection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.permitwatch.events.Topics;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.permitwatch.events.monitoring.MonitoringTopics;
import org.permitwatch.testsupport.SharedTestDatabase;
import org.permitwatch.testsupport.TestJwts;
import org.permitwatch.testsupport.TestS3;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context every integration test of inspection-service shares (Spring caches it, so it boots once per
 * failsafe JVM): real PostgreSQL ({@link SharedTestDatabase}, emptied before each class), one embedded broker, the
 * test JWT key and a {@link org.permitwatch.testsupport.SettableClock}. A class annotated with this must add nothing
 * that changes the context cache key (no properties, {@code @DynamicPropertySource}, {@code @Import},
 * {@code @MockitoBean} or {@code @DirtiesContext}).
 *
 * <p>The properties are the union of what the classes needed when each had its own context:
 *
 * <ul>
 *   <li>{@code permitwatch.inspection.checklist.seed-enabled=false}: a seed installed at start-up would make
 *       checklist_version and checklist_item reference data of the shared database, never emptied, so the versions
 *       other classes publish (InspectionRecordIT's "above any other") would outlive them and change every later
 *       class's current checklist; the checklist tests install the seed themselves ({@code ChecklistSeedFixture}).
 *   <li>{@code permitwatch.kafka.consumer.max-retries=0}: unusable directory, clue and monitoring-alert records go to
 *       their dead-letter topics at once (no other class consumes).
 *   <li>{@code permitwatch.remote.schedule-cron=-}, {@code permitwatch.rectification.overdue-enabled=false} and
 *       {@code permitwatch.evidence.expiry-cron=-}: the scheduled jobs never run on their own; the tests call
 *       {@code ScheduledRemoteCheck}, {@code OverdueJob} and {@code EvidenceExpiryJob}.
 *   <li>{@code permitwatch.inspection.draw.exclusion-window-days=90}: PlanDrawTaskApiIT's units were inspected 10 and
 *       400 days ago; no other class sets a last inspection.
 *   <li>{@code spring.r2dbc.pool.max-acquire-time=5s}: a leaked connection fails fast instead of hanging a test.
 *   <li>{@code logging.structured.format.console=}: readable (not JSON) log lines in the failsafe output.
 *   <li>{@code permitwatch.workdays.location} = {@code target/it-workdays/*.json} of the module, empty but for
 *       CaseProcedureIT, which writes a 2027 fixture there and reloads ({@code WorkdayFiles#reload}, the refresh is
 *       an hour so nothing reloads behind a test) and removes it again.
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "logging.structured.format.console=",
            "spring.r2dbc.pool.max-acquire-time=5s",
            "permitwatch.inspection.checklist.seed-enabled=false",
            "permitwatch.kafka.consumer.max-retries=0",
            "permitwatch.remote.schedule-cron=-",
            "permitwatch.rectification.overdue-enabled=false",
            "permitwatch.evidence.expiry-cron=-",
            "permitwatch.inspection.draw.exclusion-window-days=90",
            "permitwatch.workdays.location=file:${user.dir}/target/it-workdays/*.json",
            "permitwatch.workdays.refresh=1h"
        })
@AutoConfigureWebTestClient(timeout = "60s")
@EmbeddedKafka(
        partitions = 1,
        topics = {
            Topics.DIRECTORY_UNITS,
            LiaisonTopics.CLUES,
            LiaisonTopics.CLUES + ".dlt",
            MonitoringTopics.ALERTS,
            MonitoringTopics.ALERTS + ".dlt"
        },
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = {SharedTestDatabase.class, TestJwts.Initializer.class, TestS3.class})
@Import(InspectionTestConfiguration.class)
public @interface InspectionIntegrationTest {}
