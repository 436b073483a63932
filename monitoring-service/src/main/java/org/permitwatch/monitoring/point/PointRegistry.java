package org.permitwatch.monitoring.point;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.permitwatch.monitoring.receiver.ReceiverProperties;
import org.permitwatch.monitoring.receiver.RegisteredPoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The receiver's view of the registered points: MN → password and binding, held in memory so that checking a frame costs no
 * database round trip (at tens of thousands of frames a second). Reloaded after every registration here and every
 * {@code registry-refresh} (a registration on another replica reaches this one within that time; until then its frames
 * are answered 'MN error' and the unit resends).
 */
@Component
class PointRegistry implements RegisteredPoints {

    private static final Logger log = LoggerFactory.getLogger(PointRegistry.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

    private final DatabaseClient db;
    private volatile Map<String, Registered> points = Map.of();

    private record Registered(String password, Binding binding) {}

    PointRegistry(DatabaseClient db, ReceiverProperties properties) {
        this.db = db;
    }

    @Override
    public Optional<String> passwordOf(String mn) {
        return Optional.ofNullable(points.get(mn)).map(Registered::password);
    }

    @Override
    public Optional<Binding> bindingOf(String mn) {
        return Optional.ofNullable(points.get(mn)).map(Registered::binding);
    }

    /** Reloads the whole table (a province has some thousands of points: a few hundred kB). */
    Mono<Void> reload() {
        return db.sql("SELECT mn, password, permit_no, outlet_code, measured_wet FROM monitoring_point")
                .map(r -> Map.entry(
                        r.get("mn", String.class),
                        new Registered(
                                r.get("password", String.class),
                                new Binding(
                                        r.get("permit_no", String.class),
                                        r.get("outlet_code", String.class),
                                        Boolean.TRUE.equals(r.get("measured_wet", Boolean.class))))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .doOnNext(loaded -> points = Map.copyOf(loaded))
                .then();
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        refresh();
    }

    @Scheduled(
            fixedDelayString = "${permitwatch.monitoring.receiver.registry-refresh}",
            initialDelayString = "${permitwatch.monitoring.receiver.registry-refresh}")
    void refresh() {
        try {
            reload().block(LOAD_TIMEOUT);
        } catch (RuntimeException e) {
            // Keep the last good map: a database hiccup must not turn every unit away.
            log.warn("could not reload the monitoring points: {}", e.toString());
        }
    }
}
