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
@Tag(
        name = "Public disclosure",
        description =
                "一公开: the random-check item list, published draws with their plan, "
                        + "inspecting authority and results deadline, inspection results, and penalty decisions (双公示), without login")
@SecurityRequirements
class DisclosureController {

    private final DisclosureQuery query;
    private final SpotCheckItems items;

    DisclosureController(DisclosureQuery query, SpotCheckItems items) {
        this.query = query;
        this.items = items;
    }

    @GetMapping("/spot-check-items")
    @Operation(
            summary = "随机抽查事项清单",
            description = "What a random check covers (the seed's ten key tasks), its legal basis, the inspecting "
                    + "bodies and methods. Ten items: returned whole, not paged.")
    Mono<PublicViews.SpotCheckList> spotCheckItems() {
        return Mono.just(items.list());
    }

    @GetMapping("/draws")
    @Operation(
            summary = "Published double-random draws with their units",
            description = "Only draws whose results were published; newest first; paged. No inspector is named. "
                    + "Each draw names its inspecting authority, the plan row it implements, the day its checks ended "
                    + "(the latest due date of its tasks, else the end of the drawn month) and resultsDueOn = 20 "
                    + "working days later (State Council calendar, 调休 included; the start day not counted), and "
                    + "whether publication was on time. When that year's calendar is not loaded, resultsDueOn is "
                    + "null and deadlineNote says calendar-year-not-loaded:<year>.")
    Mono<PageResponse<PublicViews.Draw>> draws(
            @Parameter(description = "6-digit city code") @RequestParam(required = false) String city,
            @Parameter(description = "draw month yyyy-MM") @RequestParam(required = false) String month,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return Mono.defer(() -> query.draws(city(city), month(month), Paging.of(page, size)));
    }

    @GetMapping("/inspections")
    @Operation(
            summary = "Results of inspections of published draws' units",
            description = "Unit, day, compliant or the violation types found, rectification status; paged. "
                    + "No inspector, submitter or other personal data.")
    Mono<PageResponse<PublicViews.InspectionResult>> inspections(
            @Parameter(description = "6-digit city code") @RequestParam(required = false) String city,
            @Parameter(description = "inspection month yyyy-MM") @RequestParam(required = false) String month,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return Mono.defer(() -> query.inspections(city(city), month(month), Paging.of(page, size)));
    }

    @GetMapping("/penalties")
    @Operation(
            summary = "Penalty decisions (双公示)",
            description = "FINE and DAILY_CONTINUOUS decisions, newest first; paged. Case number, unit, conduct, "
                    + "article, amount, decision day, the deciding authority and disclosureDueOn = 7 working days "
                    + "after the decision (null with deadlineNote when the year's calendar is not loaded). No officer "
                    + "or other natural person is named.")
    Mono<PageResponse<PublicViews.PenaltyDecision>> penalties(
            @Parameter(description = "6-digit city code") @RequestParam(required = false) String city,
            @Parameter(description = "decision month yyyy-MM") @RequestParam(required = false) String month,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return Mono.defer(() -> query.penalties(city(city), month(month), Paging.of(page, size)));
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
        return month == null || month.isBlank()
                ? null
                : ReportRequests.month("month", month).toString();
    }
}
