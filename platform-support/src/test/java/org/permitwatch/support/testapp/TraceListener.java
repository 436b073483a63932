package org.permitwatch.support.testapp;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.permitwatch.support.audit.RequestInfo;
import org.permitwatch.support.inbox.CloudEventAttributes;
import org.slf4j.MDC;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.kafka.annotation.KafkaListener;
import reactor.core.publisher.Mono;

/**
 * A listener like the services' (blocking on the listener thread): records which trace was current while it
 * handled each event, as the tracer, the log MDC and the reactive code it calls (what goes to outbox/audit) see it.
 */
@TestComponent
public class TraceListener {

    public static final String TOPIC = "test.traced.consumed.v1";

    /** What one handling saw. */
    public record Seen(String tracerTraceId, String mdcTraceId, String requestInfoTraceId, String traceparent) {}

    private final Tracer tracer;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    public TraceListener(Tracer tracer) {
        this.tracer = tracer;
    }

    @KafkaListener(topics = TOPIC)
    void onEvent(ConsumerRecord<String, String> record) {
        CloudEventAttributes event = CloudEventAttributes.from(record);
        Span span = tracer.currentSpan();
        RequestInfo info = Mono.just(1).flatMap(x -> RequestInfo.current()).block();
        seen.put(
                event.id(),
                new Seen(
                        span == null ? null : span.context().traceId(),
                        MDC.get("traceId"),
                        info.traceId(),
                        info.traceparent()));
    }

    public Seen seen(String eventId) {
        return seen.get(eventId);
    }
}
