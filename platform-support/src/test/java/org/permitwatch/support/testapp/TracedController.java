package org.permitwatch.support.testapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A write that emits an event through the outbox, like a service's command endpoint (tracing tests). */
@RestController
class TracedController {

    public static final String TOPIC = "test.traced.events.v1";

    record NewTraced(@NotBlank String name) {}

    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    TracedController(OutboxWriter outbox, TransactionalOperator tx) {
        this.outbox = outbox;
        this.tx = tx;
    }

    @PostMapping("/api/v1/traced-things")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Map<String, Object>> create(@Valid @RequestBody NewTraced thing) {
        return outbox.append(OutboxMessage.of(TOPIC, thing.name(), "org.permitwatch.test.traced.created.v1", thing))
                .as(tx::transactional)
                .map(id -> Map.of("eventId", id.toString()));
    }
}
