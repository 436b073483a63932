package org.permitwatch.monitoring.receiver;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a stream-time tick ({@link RawTopic#TICK}) to every partition of the raw topic once a minute while this
 * instance's HJ 212 receiver is listening (ADR 0049). The alert stream judges DATA_MISSING on the stream time of a
 * partition, which only records move; without ticks a partition whose every point fell silent would stand still and its
 * outages be found only when a point sends again.
 *
 * <p>A tick is a record like the data: it sits in the log between the frames received before and after it, so a replay
 * (or a stream catching up after its own outage) meets the same ticks at the same places and judges the same. Its
 * timestamp is set by the same producer clock that stamps every frame's arrival (CreateTime), so a tick and a frame
 * received at the same moment carry the same time. Only a listening receiver ticks: a tick says "nothing else was
 * received here until this time", which is not true of an instance that cannot receive. Several replicas tick each
 * partition several times a minute: harmless, stream time is the maximum.
 *
 * <p>On a thread of its own, not the shared scheduler's: while the broker is away, finding the partitions and sending
 * wait for metadata (up to {@code max.block.ms}), which must not hold up the point registry's reload.
 */
@Component
public class StreamTimeTicker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StreamTimeTicker.class);
    private static final byte[] YES = "1".getBytes(StandardCharsets.UTF_8);

    private final KafkaTemplate<String, String> kafka;
    private final Hj212Server server;
    private final MeterRegistry meters;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hj212-stream-time-ticks");
        thread.setDaemon(true);
        return thread;
    });

    StreamTimeTicker(
            KafkaTemplate<String, String> kafka,
            Hj212Server server,
            MeterRegistry meters,
            @Value("${permitwatch.monitoring.receiver.tick-interval:PT1M}") Duration interval) {
        this.kafka = kafka;
        this.server = server;
        this.meters = meters;
        long millis = interval.toMillis();
        timer.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    /** Writes one tick to every partition now (the timer's task; tests call it directly). */
    public void tick() {
        if (!server.isRunning()) {
            return;
        }
        try {
            List<PartitionInfo> partitions = kafka.partitionsFor(RawTopic.NAME);
            for (PartitionInfo partition : partitions) {
                // No key, no value, no timestamp of our own: the producer stamps it as it stamps every frame.
                ProducerRecord<String, String> tick = new ProducerRecord<String, String>(
                        RawTopic.NAME, partition.partition(), (Long) null, (String) null, (String) null);
                tick.headers().add(RawTopic.TICK, YES);
                kafka.send(tick).whenComplete((sent, error) -> {
                    if (error != null) {
                        log.warn(
                                "stream-time tick to partition {} failed: {}", partition.partition(), error.toString());
                    }
                });
            }
            meters.counter("monitoring.receiver.ticks").increment(partitions.size());
        } catch (RuntimeException brokerAway) {
            // The next tick tries again; a missed tick only delays an outage's recognition by a minute.
            log.warn("stream-time ticks not written: {}", brokerAway.toString());
        }
    }
}
