package org.permitwatch.inspection.directory;

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
    @Operation(
            summary = "Replay the directory changelog from its start (PROVINCE only)",
            description = "Forgets applied events and the version guard, then seeks the listener to the topic's start. "
                    + "Rows are rewritten in place as the replay proceeds.")
    Mono<Map<String, String>> rebuild() {
        return listener.startReplay(audit, "directory-projection.rebuild", "directory-projection");
    }
}
