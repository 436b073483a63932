package org.permitwatch.support.testapp;

import jakarta.validation.Valid;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.support.input.PlausibleDate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Endpoints that exercise the hostile-input guard: nested text, dates, free-form data, typed parameters. */
@RestController
class InputController {

    enum Colour {
        RED,
        GREEN
    }

    record Order(
            String title,
            List<Item> items,
            Map<String, Object> data,
            Map<String, String> labels,
            LocalDate day,
            OffsetDateTime at,
            Instant stamp,
            Colour colour,
            UUID ref,

            @PlausibleDate(notBefore = "2000-01-01", yearsAhead = 5)
            LocalDate requestedBy) {}

    record Item(String code, String note) {}

    @PostMapping("/api/v1/orders")
    Mono<Map<String, Object>> create(@Valid @RequestBody Order order) {
        return Mono.just(Map.of("title", String.valueOf(order.title())));
    }

    @GetMapping("/api/v1/orders/{id}")
    Mono<Map<String, Object>> get(@PathVariable UUID id, @RequestParam(required = false) Colour colour) {
        return Mono.just(Map.of("id", id));
    }

    @GetMapping("/api/v1/orders")
    Mono<Map<String, Object>> search(
            @RequestParam(required = false) String q, @RequestParam(required = false) LocalDate from) {
        return Mono.just(Map.of("q", String.valueOf(q), "from", String.valueOf(from)));
    }

    @GetMapping("/api/v1/labels/{name}")
    Mono<Map<String, Object>> label(@PathVariable String name) {
        return Mono.just(Map.of("name", name));
    }
}
