package org.permitwatch.monitoring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.permitwatch.events.Topics;
import org.permitwatch.monitoring.receiver.RawTopic;
import org.permitwatch.testsupport.SharedTestDatabase;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context of monitoring-service's integration tests: the service on a random port with its HJ 212
 * receiver on a free TCP port ({@code Hj212Server#port()}), one shared database and one embedded KRaft broker with the
 * directory changelog and the raw topic (both emptied before each class by platform-test-support's
 * CleanSharedStateListener), the test JWT key and a settable clock. The alert stream (Kafka Streams, exactly-once) runs in
 * it with a state directory of its own. The point registry's periodic reload is off (a
 * registration through the API reloads it at once); classes use MNs of their own, so a point a previous class left in
 * the in-memory registry is never one of theirs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "logging.structured.format.console=",
            "permitwatch.monitoring.receiver.port=0",
            "permitwatch.monitoring.receiver.host=127.0.0.1",
            "permitwatch.monitoring.receiver.registry-refresh=1h",
            "permitwatch.monitoring.receiver.publish-timeout=5s",
            "permitwatch.monitoring.raw-topic.partitions=3",
            // the alert stream's local state of this JVM only (several test JVMs may run on one machine)
            "permitwatch.monitoring.alerts.state-dir=${java.io.tmpdir}/monitoring-alerts-it-${random.uuid}",
            "permitwatch.monitoring.alerts.partitions=3",
            "permitwatch.monitoring.alerts.session-timeout=6s"
        })
@AutoConfigureWebTestClient(timeout = "30s")
@EmbeddedKafka(
        partitions = 1,
        topics = {Topics.DIRECTORY_UNITS},
        // exactly-once streams need the transaction log, which by default wants 3 replicas
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = {SharedTestDatabase.class, TestJwts.Initializer.class})
@Import(MonitoringTestConfiguration.class)
public @interface MonitoringIntegrationTest {

    /** Referenced so the raw topic's name is in one place; the service creates it (NewTopic) with 3 partitions here. */
    String RAW_TOPIC = RawTopic.NAME;
}
