package org.permitwatch.reporting.projection;

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
@RequestMapping("/api/v1/reports")
@Tag(name = "Read models", description = "Rebuilding reporting's read models from the topics")
class RebuildController {

    private final ReadModelListener listener;
    private final AuditLog audit;

    RebuildController(ReadModelListener listener, AuditLog audit) {
        this.listener = listener;
        this.audit = audit;
    }

    @PostMapping("/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Rebuild every read model by replaying the topics from their start (PROVINCE only)",
            description = "Empties the read-model tables and the consumer's processed-event markers in one transaction, "
                    + "then seeks the consumer to the start of every topic. Reports fill up again as the replay proceeds; "
                    + "the result equals the tables before the rebuild.")
    Mono<Map<String, String>> rebuild() {
        return CurrentCaller.get()
                .filter(c -> c.hasRole(Role.PROVINCE))
                .switchIfEmpty(Mono.error(() -> ApiException.forbidden("forbidden", "only the province may rebuild the read models")))
                .flatMap(c -> audit.record("reports.rebuild", "read-models", null, Map.of()))
                // The truncate blocks on the database: keep it off the Netty event loop.
                .then(Mono.fromRunnable(listener::rebuild).subscribeOn(Schedulers.boundedElastic()))
                .thenReturn(Map.of("status", "replaying"));
    }
}
