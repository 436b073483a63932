package org.permitwatch.inspection.directory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@RequestMapping("/api/v1/directory-projection")
@Tag(name = "Directory projection", description = "inspection-service's own copy of the object directory")
class DirectoryProjectionController {

    private final DirectoryListener listener;
    private final AuditLog audit;

    DirectoryProjectionController(DirectoryListener listener, AuditLog audit) {
        this.listener = listener;
        this.audit = audit;
    }

    @PostMapping("/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Replay the directory changelog from its start (PROVINCE only)",
            description = "Forgets applied events and the version guard, then seeks the listener to the topic's start. "
                    + "Rows are rewritten in place as the replay proceeds.")
    Mono<Map<String, String>> rebuild() {
        return CurrentCaller.get()
                .filter(c -> c.hasRole(Role.PROVINCE))
                .switchIfEmpty(Mono.error(() -> ApiException.forbidden("forbidden", "only the province may rebuild the projection")))
                .flatMap(c -> audit.record("directory-projection.rebuild", "directory-projection", null, Map.of()))
                // The reset blocks on the database: keep it off the Netty event loop.
                .then(Mono.fromRunnable(listener::replayFromStart).subscribeOn(Schedulers.boundedElastic()))
                .thenReturn(Map.of("status", "replaying"));
    }
}
