package org.permitwatch.support.inbox;

import java.time.Duration;
import java.util.Map;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Role;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A listener whose projection can be rebuilt by replaying its topics: forget what was applied (its tables, its
 * processed-event markers), then seek every assigned partition to its start; the listener thread performs the seek
 * before its next poll. Each projection has its own consumer group, so a replay touches no other consumer.
 */
public abstract class ReplayableListener extends AbstractConsumerSeekAware {

    private static final Duration RESET_TIMEOUT = Duration.ofSeconds(60);

    /** Empties what the projection applied, in one transaction. */
    protected abstract Mono<Void> resetForReplay();

    /** Resets, then seeks to the start. Blocks on the database: call it off the event loop. */
    public void replayFromStart() {
        resetForReplay().block(RESET_TIMEOUT);
        seekToBeginning();
    }

    /**
     * What a rebuild endpoint does: PROVINCE only (403 otherwise), audited as {@code action} on {@code resource},
     * the reset off the Netty event loop; answers {@code {"status":"replaying"}} while the replay proceeds.
     */
    public Mono<Map<String, String>> startReplay(AuditLog audit, String action, String resource) {
        return CurrentCaller.get()
                .filter(c -> c.hasRole(Role.PROVINCE))
                .switchIfEmpty(Mono.error(
                        () -> ApiException.forbidden("forbidden", "only the province may rebuild " + resource)))
                .flatMap(c -> audit.record(action, resource, null, Map.of()))
                .then(Mono.fromRunnable(this::replayFromStart).subscribeOn(Schedulers.boundedElastic()))
                .thenReturn(Map.of("status", "replaying"));
    }
}
