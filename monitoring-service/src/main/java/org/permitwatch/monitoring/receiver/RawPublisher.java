package org.permitwatch.monitoring.receiver;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.support.time.BureauClock;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends an accepted data segment to {@link RawTopic#NAME} and completes when the broker has it (acks=all). {@code
 * send} itself may block while the producer has no metadata (broker down), so it is never called on the Netty event
 * loop that serves the other connections but on one thread of its own: {@code send} only appends to the producer's
 * batch (microseconds), one thread keeps up with any rate the receiver reaches, and — unlike a pool — it hands a
 * unit's frames to the producer in the order they were read, so the raw topic keeps each MN's order even with several
 * frames of a connection in flight. While the broker is away and the producer lacks metadata, that thread waits (up to
 * {@code max.block.ms}) for everyone: nothing could be confirmed then anyway, and the frames go unanswered and are
 * resent.
 *
 * <p>Per frame this is one task on the send thread, the producer's callback and one entry in a hashed-wheel timer for
 * the publish timeout. It used to be a chain of Reactor operators and a {@code timeout()} per frame, whose scheduled
 * task went into the shared scheduler's delay queue (a heap of every frame in flight: insert and cancel both showed in
 * the burst profile, docs/benchmarks.md). The wheel's insert and cancel are constant time; its 100 ms tick is far finer
 * than any sensible publish timeout.
 */
@Component
class RawPublisher implements DisposableBean {

    private static final byte[] SPEC_VERSION = bytes(CloudEventHeaders.SPEC_VERSION_VALUE);
    private static final byte[] TYPE = bytes(RawTopic.EVENT_TYPE);
    private static final byte[] SOURCE = bytes("/monitoring-service/hj212");
    private static final byte[] CONTENT_TYPE = bytes(RawTopic.CONTENT_TYPE);

    private final KafkaTemplate<String, String> kafka;
    private final BureauClock clock;
    private final RegisteredPoints points;
    private final ExecutorService sender = singleSender();
    private final HashedWheelTimer timeouts =
            new HashedWheelTimer(daemon("hj212-publish-timeout"), 100, TimeUnit.MILLISECONDS);

    RawPublisher(KafkaTemplate<String, String> kafka, BureauClock clock, RegisteredPoints points) {
        this.kafka = kafka;
        this.clock = clock;
        this.points = points;
    }

    @Override
    public void destroy() {
        sender.shutdown();
        timeouts.stop();
    }

    /**
     * Completes when the broker holds the message, or fails after {@code timeout}. The send itself is detached from
     * the caller: a unit that closes its connection mid-frame (or a timeout) stops the wait, not the send, so the
     * producer is never interrupted inside {@code send} and a message it already took still lands (the unit, not
     * answered, resends; the storage keeps one value).
     */
    CompletableFuture<Void> publish(String mn, String segment, Duration timeout) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Timeout timer = timeouts.newTimeout(
                t -> acked.completeExceptionally(new TimeoutException("the broker did not confirm within " + timeout)),
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            sender.execute(() -> send(mn, segment, acked, timer));
        } catch (RejectedExecutionException stopping) {
            timer.cancel();
            acked.completeExceptionally(stopping);
        }
        return acked;
    }

    private void send(String mn, String segment, CompletableFuture<Void> acked, Timeout timer) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(RawTopic.NAME, mn, segment);
            Headers headers = record.headers();
            headers.add(CloudEventHeaders.SPEC_VERSION, SPEC_VERSION);
            headers.add(CloudEventHeaders.ID, bytes(randomId().toString()));
            headers.add(CloudEventHeaders.TYPE, TYPE);
            headers.add(CloudEventHeaders.SOURCE, SOURCE);
            headers.add(CloudEventHeaders.SUBJECT, bytes(mn));
            headers.add(CloudEventHeaders.TIME, bytes(clock.nowUtc().toInstant().toString()));
            headers.add(CloudEventHeaders.CONTENT_TYPE, CONTENT_TYPE);
            // The point's binding as it stands now, so a replay judges the data against it (ADR 0033).
            points.bindingOf(mn).ifPresent(binding -> {
                headers.add(RawTopic.PERMIT_NO, bytes(binding.permitNo()));
                headers.add(RawTopic.OUTLET_CODE, bytes(binding.outletCode()));
                if (binding.measuredWet()) {
                    headers.add(RawTopic.MEASURED_WET, bytes("true"));
                }
            });
            kafka.execute(producer -> producer.send(record, (metadata, error) -> {
                timer.cancel();
                if (error == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(error);
                }
            }));
        } catch (RuntimeException e) {
            timer.cancel();
            acked.completeExceptionally(e);
        }
    }

    /**
     * A random (version 4) UUID from the thread's own generator: {@code UUID.randomUUID()} draws on the shared
     * SecureRandom, a lock per frame; the event id needs uniqueness, not unpredictability.
     */
    private static UUID randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /**
     * One thread, fed through a lock-free queue. {@code Executors.newSingleThreadExecutor}'s LinkedBlockingQueue
     * takes a lock on every offer, and the event loops that hand frames over waited for each other on it in a burst
     * (NoBlockingCalls, ADR 0070); LinkedTransferQueue's offer is a CAS. The thread is started here, so no hand-off
     * takes the executor's own lock to start it either.
     */
    private static ExecutorService singleSender() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                1, 1, 0, TimeUnit.MILLISECONDS, new LinkedTransferQueue<>(), daemon("hj212-publish"));
        executor.prestartAllCoreThreads();
        return executor;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
