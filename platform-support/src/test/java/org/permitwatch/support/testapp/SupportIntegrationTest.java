package org.permitwatch.support.testapp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.permitwatch.testsupport.SharedTestDatabase;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one context of platform-support's integration tests: {@link TestApplication} (a service that only depends on
 * the library) with {@link PoisonListener}, on real PostgreSQL ({@link SharedTestDatabase}) and an embedded KRaft
 * broker, served on a random port. The background outbox relay is off so the messaging tests drive relay rounds themselves and counts are
 * deterministic; consumer retries are short. The web tests touch neither the outbox nor the broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        classes = {TestApplication.class, PoisonListener.class, TraceListener.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=support-test",
            "permitwatch.security.area=inspection",
            "permitwatch.outbox.relay-enabled=false",
            "permitwatch.kafka.consumer.initial-interval=20ms",
            "permitwatch.kafka.consumer.max-retries=2",
            "permitwatch.kafka.consumer.max-interval=100ms"
        })
@AutoConfigureWebTestClient(timeout = "30s")
@EmbeddedKafka(
        partitions = 3,
        bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        topics = {PoisonListener.TOPIC, PoisonListener.TOPIC + ".dlt", TraceListener.TOPIC, TracedController.TOPIC})
@ContextConfiguration(initializers = {SharedTestDatabase.class, TestJwts.Initializer.class})
public @interface SupportIntegrationTest {}
