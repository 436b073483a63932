package org.permitwatch.permitsync.sync;

import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * This process as an owner of run leases. A restarted pod gets a new id (random suffix): a lease its previous life
 * held is not its own any more, so it waits for that lease to expire like any other instance would.
 */
@Component
class SyncInstance {

    private final String id;

    SyncInstance(SyncProperties properties) {
        String configured = properties.lease().instanceId();
        if (configured != null && !configured.isBlank()) {
            this.id = configured;
        } else {
            String host = System.getenv().getOrDefault("HOSTNAME", "permit-sync");
            this.id = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }

    String id() {
        return id;
    }
}
