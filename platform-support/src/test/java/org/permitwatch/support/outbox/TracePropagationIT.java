package org.permitwatch.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.support.testapp.MessagingTestBase;
import org.permitwatch.support.testapp.TraceListener;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * One trace across the path (issue 21, ADR 0043): a request's W3C traceparent reaches its problem+json, the outbox
 * row it wrote and the CloudEvents header the relay publishes (a relay round runs in no request, so the context must
 * travel with the row), and a consumed record's traceparent is the current trace while a listener handles it.
 */
class TracePropagationIT extends MessagingTestBase {

    /** A caller's trace: the W3C example ids (trace context spec, section 3.2.2.3 and 3.2.2.4). */
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01";
    private static final String TRACED_TOPIC = "test.traced.events.v1";

    @Autowired
    WebTestClient web;

    @Autowired
    OutboxProperties properties;

    @Autowired
    KafkaProperties kafkaProperties;

    @Autowired
    ReactiveTransactionManager transactionManager;

    @Autowired
    TraceListener listener;

    @Test
    void badRequestNamesTheCallersTraceInProblemJson() {
        web.post()
                .uri("/api/v1/traced-things")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .header("traceparent", TRACEPARENT)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", " "))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .valueEquals("X-Trace-Id", TRACE_ID)
                .expectBody()
                .jsonPath("$.traceId")
                .isEqualTo(TRACE_ID)
                .jsonPath("$.errors[0].field")
                .isEqualTo("name");
    }

    @Test
    void theOutboxCarriesTheRequestsTraceToTheKafkaHeader() {
        String key = "traced-" + UUID.randomUUID();
        web.post()
                .uri("/api/v1/traced-things")
                .header(HttpHeaders.AUTHORIZATION, TestJwts.bearer("CITY", "140100"))
                .header("traceparent", TRACEPARENT)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", key))
                .exchange()
                .expectStatus()
                .isCreated();

        // The row keeps the server span's context: same trace, the service's own span (a child of the caller's).
        String stored = db.sql("SELECT traceparent FROM outbox_event WHERE message_key = :key")
                .bind("key", key)
                .map(r -> r.get("traceparent", String.class))
                .one()
                .block();
        assertThat(stored).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01").doesNotContain(CALLER_SPAN_ID);

        DefaultKafkaProducerFactory<String, byte[]> factory =
                OutboxAutoConfiguration.RelayConfiguration.producerFactory(kafkaProperties, null);
        try {
            OutboxRelay relay = new OutboxRelay(
                    db,
                    TransactionalOperator.create(transactionManager),
                    new KafkaTemplate<>(factory),
                    properties,
                    new BureauClock(java.time.Clock.systemUTC(), java.time.ZoneOffset.UTC));
            assertThat(relay.relayOnce().block()).isPositive();
        } finally {
            factory.destroy();
        }
        List<ConsumerRecord<String, String>> records = consumeUntilKey(TRACED_TOPIC, key);
        ConsumerRecord<String, String> published = records.get(records.size() - 1);
        assertThat(published.key()).isEqualTo(key);
        assertThat(header(published, CloudEventHeaders.TRACEPARENT)).isEqualTo(stored);
    }

    @Test
    void aConsumedRecordsTraceIsCurrentWhileTheListenerHandlesIt() throws Exception {
        String producerTrace = "0af7651916cd43dd8448eb211c80319c";
        String traceparent = "00-" + producerTrace + "-b7ad6b7169203331-01";
        String eventId = UUID.randomUUID().toString();
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, "org.permitwatch.test.traced.v1".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        DefaultKafkaProducerFactory<String, String> factory = new DefaultKafkaProducerFactory<>(Map.of(
                "bootstrap.servers", broker.getBrokersAsString(),
                "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class,
                "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class));
        try {
            new KafkaTemplate<>(factory)
                    .send(new ProducerRecord<>(TraceListener.TOPIC, null, "k", "{}", headers))
                    .get();
        } finally {
            factory.destroy();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (listener.seen(eventId) == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        TraceListener.Seen seen = listener.seen(eventId);
        assertThat(seen).as("the listener handled the record").isNotNull();
        assertThat(seen.tracerTraceId()).isEqualTo(producerTrace);
        assertThat(seen.mdcTraceId()).isEqualTo(producerTrace);
        // What the handler writes to its own outbox and audit log continues the same trace.
        assertThat(seen.requestInfoTraceId()).isEqualTo(producerTrace);
        assertThat(seen.traceparent()).startsWith("00-" + producerTrace + "-");
    }
}
