package org.permitwatch.liaison;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.reporting.ReportingTopics;
import org.permitwatch.testsupport.SharedTestDatabase;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context of liaison-service's integration tests: the service on a random port, one shared database
 * ({@link SharedTestDatabase}) and one embedded broker with every topic the tests produce to (both emptied before each
 * class by platform-test-support's {@code CleanSharedStateListener}), one SMTP server and one work-chat robot receiver
 * ({@link LiaisonTestServers}), the test JWT key and a settable clock ({@link LiaisonTestConfiguration}). A class
 * carries only this annotation (no properties, beans or {@code @DirtiesContext} of its own), so every class reuses the
 * context the first one booted.
 *
 * <p>The properties are the union of what the classes needed one by one: a fast relay (poll 200 ms, back-off 300 ms to
 * 1 s, four attempts, short SMTP timeouts) so retries finish within a test, the webhook secret the signature tests
 * verify, and the reminder job's schedule off ({@code DeadlineApiIT} runs the job directly with fixed clocks). The
 * relay and the deadline seeder stay on: classes that had them off neither create notifications they check nor read the
 * seeded obligations. Log lines are plain text, not the services' JSON.
 *
 * <p>Not emptied between classes, so a class counts only its own: the mails and robot calls received ({@link
 * LiaisonTestServers#reset()} before each test; only the class's own notifications are counted), and the tables the
 * deadline seeder writes at start-up, before the cleaner first looks, so that it keeps them as reference data: {@code
 * deadline_obligation}, {@code deadline_instance} (an edit of a seeded obligation lasts) and {@code audit_log} (count
 * audit rows by action or resource id, never the whole table).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "logging.structured.format.console=",
            "permitwatch.liaison.deadline.reminder-enabled=false",
            "permitwatch.liaison.deadline.reminder-cron=-",
            "permitwatch.liaison.notification.poll-interval=200ms",
            "permitwatch.liaison.notification.initial-backoff=300ms",
            "permitwatch.liaison.notification.max-backoff=1s",
            "permitwatch.liaison.notification.max-attempts=4",
            "permitwatch.liaison.notification.webhook.secret=" + LiaisonTestServers.WEBHOOK_SECRET,
            "spring.mail.properties.mail.smtp.connectiontimeout=1000",
            "spring.mail.properties.mail.smtp.timeout=2000"
        })
@AutoConfigureWebTestClient(timeout = "30s")
@EmbeddedKafka(
        partitions = 1,
        topics = {InspectionTopics.CLUES, EnforcementTopics.CASES, ReportingTopics.DISCLOSURE},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(
        initializers = {SharedTestDatabase.class, TestJwts.Initializer.class, LiaisonTestServers.Initializer.class})
@Import(LiaisonTestConfiguration.class)
public @interface LiaisonIntegrationTest {}
