package org.permitwatch.support.testapp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Masking;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Endpoints that exercise each error path of the library. */
@RestController
class ThingController {

    record NewThing(
            @NotBlank String name,
            @Min(1) @Max(10) int count,

            @Pattern(regexp = "\\d{6}", message = "must be a 6-digit division code")
            String division,

            List<@Valid Part> parts) {}

    record Part(@NotBlank String code) {}

    record Me(String subject, String name, String division, String prefix, List<String> roles, String phone) {}

    private final AuditLog audit;
    private final TransactionalOperator tx;

    ThingController(AuditLog audit, TransactionalOperator tx) {
        this.audit = audit;
        this.tx = tx;
    }

    @PostMapping("/api/v1/things")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Map<String, Object>> create(@Valid @RequestBody NewThing thing) {
        return audit.record("thing.create", "thing", thing.name(), Map.of("count", thing.count()))
                .as(tx::transactional)
                .thenReturn(Map.of("name", thing.name()));
    }

    @GetMapping("/api/v1/things/{id}")
    Mono<Map<String, Object>> get(@PathVariable long id) {
        if (id == 404) {
            return Mono.error(ApiException.notFound("thing-not-found", "no thing " + id));
        }
        if (id == 409) {
            return Mono.error(ApiException.conflict("thing-locked", "thing " + id + " is being edited"));
        }
        return Mono.just(Map.of("id", id));
    }

    @GetMapping("/api/v1/things")
    Mono<Map<String, Object>> list(@RequestParam(name = "size", defaultValue = "20") @Min(1) @Max(200) int size) {
        return Mono.just(Map.of("size", size));
    }

    @GetMapping("/api/v1/boom")
    Mono<String> boom() {
        return Mono.error(new IllegalStateException("jdbc:postgresql://secret-host/db password=hunter2"));
    }

    @GetMapping("/api/v1/province-only")
    @PreAuthorize("hasRole('PROVINCE')")
    Mono<String> provinceOnly() {
        return Mono.just("ok");
    }

    @GetMapping("/api/v1/me")
    Mono<Me> me() {
        return CurrentCaller.get().map(ThingController::me);
    }

    private static Me me(Caller caller) {
        String phone = "13812345678";
        return new Me(
                caller.subject(),
                caller.name(),
                caller.division().value(),
                caller.division().prefix(),
                caller.roles().stream().map(Enum::name).sorted().toList(),
                caller.canReadPersonalData() ? phone : Masking.phone(phone));
    }
}
