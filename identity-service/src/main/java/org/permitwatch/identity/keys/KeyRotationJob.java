package org.permitwatch.identity.keys;

import java.time.Clock;
import java.time.Duration;
import org.permitwatch.identity.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Rotates the signing key when the active one is older than IDENTITY_KEY_ROTATION (default 90 days). Checked hourly:
 * every replica runs it, {@link SigningKeyStore#rotateIfActiveBefore} decides under a table lock, so it rotates once.
 */
public class KeyRotationJob {

    private static final Logger log = LoggerFactory.getLogger(KeyRotationJob.class);

    private final SigningKeyStore store;
    private final Duration rotation;
    private final Clock clock;
    private final AuditTrail audit;

    public KeyRotationJob(SigningKeyStore store, Duration rotation, Clock clock, AuditTrail audit) {
        this.store = store;
        this.rotation = rotation;
        this.clock = clock;
        this.audit = audit;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    public void rotateWhenDue() {
        store.invalidate();
        store.rotateIfActiveBefore(clock.instant().minus(rotation)).ifPresent(key -> {
            audit.system("key.rotate", key.kid(), "scheduled rotation");
            log.info("signing key rotated on schedule, new kid {}", key.kid());
        });
    }
}
