package org.permitwatch.inspection.draw;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * 一公开 of a draw's inputs (ADR 0027): anonymous (permitwatch.security.public-paths names exactly this path), for
 * published draws only, without officers. A published draw never changes, so a page is cacheable by anyone (ETag,
 * Cache-Control public): a proxy or the browser answers repeats, and a conditional repeat costs a 304.
 */
@RestController
@RequestMapping("/api/v1/public/draws")
@Tag(
        name = "Public draw verification",
        description = "一公开: what anyone needs to re-run a published draw's unit "
                + "selection, without login and without officers")
@SecurityRequirements
class PublicDrawController {

    /** A published draw is immutable: a day's freshness, and `immutable` spares the revalidation on reload. */
    private static final CacheControl CACHE =
            CacheControl.maxAge(Duration.ofDays(1)).cachePublic().immutable();

    private final PublicDrawInputs inputs;

    PublicDrawController(PublicDrawInputs inputs) {
        this.inputs = inputs;
    }

    @GetMapping("/{id}/inputs")
    @Operation(
            summary = "A published draw's inputs for re-running its unit selection",
            description = "No token. Only draws that are completed and published (一公开); an unknown, failed, "
                    + "unrevealed or unpublished draw is the same 404. Returns the commitment (seedHash, stored before "
                    + "any unit was read), the revealed seed, the algorithm version, the quotas per stratum, the "
                    + "targeted units and one page of the population after exclusions (permit number, directory "
                    + "version, stratum) in canonical order (permit number); eligibleFingerprint is SHA-256 over the "
                    + "whole population (ADR 0007). Officers, their workloads and conflicts are not public: the "
                    + "officer assignment cannot be re-run from here. Pages of up to 5000 units (default 2000); "
                    + "ETag and Cache-Control: public, immutable.")
    Mono<ResponseEntity<DrawViews.PublicInputs>> inputs(
            @PathVariable UUID id,
            @Parameter(description = "0-based page of the population") @RequestParam(required = false) Integer page,
            @Parameter(description = "units per page, 1–5000 (default 2000)") @RequestParam(required = false)
                    Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? PublicDrawInputs.DEFAULT_SIZE : size;
        if (p < 0) {
            return Mono.error(ApiException.invalidField("page", "must be 0 or more", p));
        }
        if (s < 1 || s > PublicDrawInputs.MAX_SIZE) {
            return Mono.error(
                    ApiException.invalidField("size", "must be between 1 and " + PublicDrawInputs.MAX_SIZE, s));
        }
        return inputs.page(id, p, s)
                .map(view -> ResponseEntity.ok()
                        .cacheControl(CACHE)
                        // Draw, population fingerprint, page and size name this body; it never changes once published.
                        .eTag(Fingerprints.sha256Hex((id + ":" + view.eligibleFingerprint() + ":" + p + ":" + s)
                                        .getBytes(StandardCharsets.UTF_8))
                                .substring(0, 32))
                        .body(view))
                .switchIfEmpty(
                        Mono.error(() -> ApiException.notFound(ProblemCodes.NOT_FOUND, "no published draw " + id)));
    }
}
