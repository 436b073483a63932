package org.permitwatch.reporting.disclosure;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.permitwatch.reporting.catalog.ReportRequests;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** 一公开: readable without a token (permitwatch.security.public-paths), never personal data. */
@RestController
@RequestMapping("/api/v1/public")
@Tag(name = "Public disclosure", description = "一公开: published draw lists and inspection results, without login")
@SecurityRequirements
class DisclosureController {

    private final DisclosureQuery query;

    DisclosureController(DisclosureQuery query) {
        this.query = query;
    }

    @GetMapping("/draws")
    @Operation(summary = "Published double-random draws with their units",
            description = "Only draws whose results were published; newest first; paged. No inspector is named.")
    Mono<PageResponse<PublicViews.Draw>> draws(
            @Parameter(description = "6-digit city code") @RequestParam(required = false) String city,
            @Parameter(description = "draw month yyyy-MM") @RequestParam(required = false) String month,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return Mono.defer(() -> query.draws(city(city), month(month), Paging.of(page, size)));
    }

    @GetMapping("/inspections")
    @Operation(summary = "Results of inspections of published draws' units",
            description = "Unit, day, compliant or the violation types found, rectification status; paged. "
                    + "No inspector, submitter or other personal data.")
    Mono<PageResponse<PublicViews.InspectionResult>> inspections(
            @Parameter(description = "6-digit city code") @RequestParam(required = false) String city,
            @Parameter(description = "inspection month yyyy-MM") @RequestParam(required = false) String month,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return Mono.defer(() -> query.inspections(city(city), month(month), Paging.of(page, size)));
    }

    private static String city(String city) {
        if (city == null || city.isBlank()) {
            return null;
        }
        if (!DivisionCode.isValid(city)) {
            throw ApiException.invalidField("city", "must be a 6-digit division code", city);
        }
        return city;
    }

    private static String month(String month) {
        return month == null || month.isBlank() ? null : ReportRequests.month("month", month).toString();
    }
}
