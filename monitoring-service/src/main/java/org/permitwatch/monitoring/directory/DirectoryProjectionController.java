package org.permitwatch.monitoring.directory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.permitwatch.support.audit.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Rebuilds monitoring-service's copy of the directory from the compacted changelog: after an upgrade that keeps more
 * of the snapshot (V9 added the industry), or to repair the projection. The alert stream keeps its own global store
 * of the same topic and is not touched.
 */
@RestController
@RequestMapping("/api/v1/monitoring/directory")
@Tag(name = "Directory projection", description = "monitoring-service's own copy of the object directory")
class DirectoryProjectionController {

    private final DirectoryListener listener;
    private final AuditLog audit;

    DirectoryProjectionController(DirectoryListener listener, AuditLog audit) {
        this.listener = listener;
        this.audit = audit;
    }

    @PostMapping("/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Replay the directory changelog from its start (PROVINCE only)",
            description = "Forgets applied events and the version guard, then seeks the listener to the topic's start. "
                    + "Rows are rewritten in place as the replay proceeds.")
    Mono<Map<String, String>> rebuild() {
        return listener.startReplay(audit, "monitoring.directory-projection.rebuild", "directory-projection");
    }
}
