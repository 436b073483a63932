package org.permitwatch.reporting.projection;

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
    @Operation(
            summary = "Rebuild every read model by replaying the topics from their start (PROVINCE only)",
            description =
                    "Empties the read-model tables and the consumer's processed-event markers in one transaction, "
                            + "then seeks the consumer to the start of every topic. Reports fill up again as the replay proceeds; "
                            + "the result equals the tables before the rebuild.")
    Mono<Map<String, String>> rebuild() {
        return listener.startReplay(audit, "reports.rebuild", "read-models");
    }
}
