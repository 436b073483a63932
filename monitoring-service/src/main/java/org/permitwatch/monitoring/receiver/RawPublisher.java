package org.permitwatch.monitoring.receiver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.support.time.BureauClock;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Appends an accepted data segment to {@link RawTopic#NAME} and completes when the broker has it (acks=all). {@code
 * send} itself may block while the producer has no metadata (broker down), so it is never called on the Netty event
 * loop that serves the other connections but on one thread of its own: {@code send} only appends to the producer's
 * batch (microseconds), one thread keeps up with any rate the receiver reaches, and — unlike a pool — it hands a
 * unit's frames to the producer in the order they were read, so the raw topic keeps each MN's order even with several
 * frames of a connection in flight. While the broker is away and the producer lacks metadata, that thread waits (up to
 * {@code max.block.ms}) for everyone: nothing could be confirmed then anyway, and the frames go unanswered and are
 * resent.
 */
@Component
class RawPublisher implements DisposableBean {

    private final KafkaTemplate<String, String> kafka;
    private final BureauClock clock;
    private final RegisteredPoints points;
    private final Scheduler sender = Schedulers.newSingle("hj212-publish", true);

    RawPublisher(KafkaTemplate<String, String> kafka, BureauClock clock, RegisteredPoints points) {
        this.kafka = kafka;
        this.clock = clock;
        this.points = points;
    }

    @Override
    public void destroy() {
        sender.dispose();
    }

    /**
     * Completes when the broker holds the message, or fails after {@code timeout}. The send itself is detached from
     * the caller: a unit that closes its connection mid-frame (or a timeout) stops the wait, not the send, so the
     * producer is never interrupted inside {@code send} and a message it already took still lands (the unit, not
     * answered, resends; the storage keeps one value).
     */
    Mono<Void> publish(String mn, String segment, Duration timeout) {
        CompletableFuture<Void> inFlight = Mono.defer(() -> {
                    ProducerRecord<String, String> record = new ProducerRecord<>(RawTopic.NAME, mn, segment);
                    header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
                    header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
                    header(record, CloudEventHeaders.TYPE, RawTopic.EVENT_TYPE);
                    header(record, CloudEventHeaders.SOURCE, "/monitoring-service/hj212");
                    header(record, CloudEventHeaders.SUBJECT, mn);
                    header(
                            record,
                            CloudEventHeaders.TIME,
                            clock.nowUtc().toInstant().toString());
                    header(record, CloudEventHeaders.CONTENT_TYPE, RawTopic.CONTENT_TYPE);
                    points.bindingOf(mn).ifPresent(binding -> {
                        header(record, RawTopic.PERMIT_NO, binding.permitNo());
                        header(record, RawTopic.OUTLET_CODE, binding.outletCode());
                    });
                    return Mono.fromFuture(kafka.send(record));
                })
                .subscribeOn(sender)
                .then()
                .toFuture();
        return Mono.fromFuture(inFlight, true).timeout(timeout);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
