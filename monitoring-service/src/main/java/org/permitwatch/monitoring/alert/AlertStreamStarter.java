package org.permitwatch.monitoring.alert;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.permitwatch.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Starts the alert stream once the directory topic exists. The directory belongs to permit-sync (it creates the topic
 * with its partitions and compaction); Kafka Streams refuses to start a global store on a missing topic, and started
 * with the context it would take the whole service down — receiver included — whenever monitoring-service comes up
 * before permit-sync has ever run. So the streams application is not auto-started; this checks every
 * {@link #RETRY} until the topic is there.
 */
final class AlertStreamStarter implements DisposableBean {

    static final Duration RETRY = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(AlertStreamStarter.class);

    private final StreamsBuilderFactoryBean streams;
    private final KafkaAdmin admin;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alert-stream-starter");
        t.setDaemon(true);
        return t;
    });

    AlertStreamStarter(StreamsBuilderFactoryBean streams, KafkaAdmin admin) {
        this.streams = streams;
        this.admin = admin;
    }

    @EventListener(ApplicationReadyEvent.class)
    void whenReady() {
        timer.execute(this::tryStart);
    }

    private void tryStart() {
        try {
            admin.describeTopics(Topics.DIRECTORY_UNITS);
        } catch (RuntimeException missing) {
            log.warn(
                    "alert stream waits for {} (created by permit-sync): {}; next check in {}",
                    Topics.DIRECTORY_UNITS,
                    missing.getMessage(),
                    RETRY);
            timer.schedule(this::tryStart, RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        if (!streams.isRunning()) {
            streams.start();
            log.info("alert stream started");
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
