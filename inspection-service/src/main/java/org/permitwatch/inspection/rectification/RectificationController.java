package org.permitwatch.inspection.rectification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.permitwatch.support.security.CurrentCaller;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@EnableConfigurationProperties(RectificationProperties.class)
@Tag(
        name = "Rectification",
        description = "责令改正: order with a deadline and a follow-up task, progress, "
                + "verification by a follow-up inspection, overdue escalation")
class RectificationController {

    private final RectificationService service;

    RectificationController(RectificationService service) {
        this.service = service;
    }

    /** The rectification written. */
    record RectificationRef(UUID caseId, UUID rectificationId) {}

    /** The rectification written. */
    record Written(UUID rectificationId) {}

    @PostMapping("/api/v1/cases/{id}/rectification")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Order rectification (责令改正)",
            description = "Stands whether or not a fine is imposed. servedOn (送达日, optional, default today in the "
                    + "bureau's zone) may lie up to permitwatch.rectification.service-backdate-days (30) in the past, never "
                    + "in the future nor before the violation was found (400 servedOn); a daily continuous fine counts from "
                    + "the day after it. Deadline defaults to servedOn + the configured days and must not precede servedOn "
                    + "(400 deadline); creates (or merges into) a FOLLOW_UP task for the unit, due deadline + the "
                    + "configured days but never before today. One order per case (409 rectification-exists); 409 "
                    + "case-closed. PROVINCE, CITY or COUNTY staff; audited with servedOn and the days back-dated.")
    Mono<RectificationRef> order(@PathVariable UUID id, @Valid @RequestBody RectificationRequests.Order body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.order(id, body, caller))
                .map(rectificationId -> new RectificationRef(id, rectificationId));
    }

    @PostMapping("/api/v1/rectifications/{id}/progress")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Record a step the unit reported",
            description = "ORDERED → IN_PROGRESS; 409 rectification-complete once verified.")
    Mono<Written> progress(@PathVariable UUID id, @Valid @RequestBody RectificationRequests.Progress body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.progress(id, body, caller))
                .map(Written::new);
    }

    @PostMapping("/api/v1/rectifications/{id}/verification")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Verify with a submitted follow-up inspection record",
            description = "COMPLETE only when the record has no active finding of the case's violation type (409 "
                    + "violation-continuing otherwise) → VERIFIED_COMPLETE, RectificationCompleted (onTime = inspected "
                    + "on or before the deadline). CONTINUING only when it has one (409 violation-not-found); the order "
                    + "stays open and the daily continuous fine becomes possible.")
    Mono<Written> verify(@PathVariable UUID id, @Valid @RequestBody RectificationRequests.Verification body) {
        return CurrentCaller.get()
                .flatMap(caller -> service.verify(id, body, caller))
                .map(Written::new);
    }
}
