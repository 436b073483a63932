package org.permitwatch.reporting;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.permitwatch.events.Topics;
import org.permitwatch.events.enforcement.EnforcementTopics;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.events.liaison.LiaisonTopics;
import org.permitwatch.events.reporting.ReportingTopics;
import org.permitwatch.testsupport.SettableClock;
import org.permitwatch.testsupport.SharedTestDatabase;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * reporting-service's integration tests: one Spring context for all of them (one database, emptied before each class,
 * one embedded KRaft broker whose topics are emptied too, one {@link SettableClock}). A class that needs a fixed "now"
 * sets the clock in {@code @BeforeAll} and resets it in {@code @AfterAll}. The disclosure chaser's schedule is off:
 * the test that checks it runs it by hand at the instants it names.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "logging.structured.format.console=",
            "permitwatch.reporting.disclosure.chase-enabled=false"
        })
@AutoConfigureWebTestClient(timeout = "30s")
@EmbeddedKafka(
        partitions = 1,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        topics = {
            Topics.DIRECTORY_UNITS,
            InspectionTopics.PLANS,
            InspectionTopics.DRAWS,
            InspectionTopics.TASKS,
            InspectionTopics.INSPECTIONS,
            InspectionTopics.FINDINGS,
            EnforcementTopics.CASES,
            EnforcementTopics.ALERTS,
            LiaisonTopics.SUBMISSIONS,
            ReportingTopics.DISCLOSURE
        })
@ContextConfiguration(initializers = {SharedTestDatabase.class, TestJwts.Initializer.class})
@Import(ReportingIntegrationTest.TestClock.class)
public @interface ReportingIntegrationTest {

    /** The shared context's clock: the system clock until a class sets it. */
    @TestConfiguration(proxyBeanMethods = false)
    class TestClock {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock();
        }
    }
}
