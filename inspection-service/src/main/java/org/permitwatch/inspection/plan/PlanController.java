package org.permitwatch.inspection.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.web.ListSort;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.web.SortParam;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/plans")
@EnableConfigurationProperties({PlanProperties.class, StratumFloors.class})
@Tag(
        name = "Plans",
        description = "排污许可清单式执法检查计划 (附件3): a city's annual plan by industry, broken down "
                + "by month, and its counties' plans inside it (ADR 0013)")
class PlanController {

    /** The list's order before sorting existed, kept when no sort is asked for. */
    private static final String DEFAULT_ORDER = "p.plan_year DESC, p.city_code, p.division_code, p.created_at DESC";

    private final PlanService plans;

    PlanController(PlanService plans) {
        this.plans = plans;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create an annual plan of the caller's bureau",
            description = "CITY users for their city; "
                    + "COUNTY users for their county inside a published plan of their city (parentPlanId, each row naming its "
                    + "parentRowNo; 422 outside-city-plan when a row leaves the city row: other industry or category, "
                    + "登记管理 units the city row excludes, more rounds in a month, or more units per round per stratum than "
                    + "the city row leaves). Denominators are counted per stratum from the directory (登记管理 units where "
                    + "includeRegistration); double-random rows must meet the stratum floors of the level "
                    + "(permitwatch.plan.stratum-floors, 422 ratio-below-floor naming the field). The response carries the "
                    + "capacity check and its warnings.")
    Mono<PlanViews.PlanDetail> create(@Valid @RequestBody PlanRequests.CreatePlan request) {
        return CurrentCaller.get().flatMap(caller -> {
            requirePlanningBureau(caller);
            return plans.create(request, caller).flatMap(id -> plans.find(id, PlanScope.of(caller)));
        });
    }

    @PutMapping("/{id}")
    @Operation(
            summary = "Edit a draft plan of the caller's bureau",
            description =
                    "Replaces the draft with the body (the same shape, validation, stratum floors, county rules and"
                            + " capacity check as creating one; 400/422 name the field). If-Match must carry the version the"
                            + " editor read (the detail's version or ETag): 428 if-match-required without it, 412 stale-version"
                            + " when the plan was edited meanwhile, 409 plan-already-published once published, 404 for a plan"
                            + " of another bureau. Answers the plan as saved, its new version and ETag.")
    Mono<ResponseEntity<PlanViews.PlanDetail>> update(
            @PathVariable UUID id,
            @Parameter(description = "the plan's version as read, \"<version>\" (an ETag of GET /plans/{id})")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody PlanRequests.CreatePlan request) {
        return CurrentCaller.get().flatMap(caller -> {
            requirePlanningBureau(caller);
            long version = PlanVersions.fromIfMatch(ifMatch);
            return plans.update(id, version, request, caller)
                    .then(plans.find(id, PlanScope.of(caller)))
                    .map(PlanController::withETag);
        });
    }

    @GetMapping
    @Operation(
            summary = "List plans",
            description =
                    "Paged, filtered by year, status and the plan's own division. PROVINCE: every plan; CITY: its own and its counties' "
                            + "plans; COUNTY: its own plans and its city's, never another county's.")
    Mono<PageResponse<PlanViews.PlanSummary>> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) Integer year,
            @Parameter(description = "DRAFT or PUBLISHED", schema = @Schema(allowableValues = {"DRAFT", "PUBLISHED"}))
                    @RequestParam(required = false)
                    String status,
            @Parameter(description = "the plan's own division (the city or one of its counties), inside the scope")
                    @RequestParam(required = false)
                    String division,
            @RequestParam(required = false) @SortParam(PlanSort.class) String sort) {
        return CurrentCaller.get().flatMap(caller -> {
            String orderBy = ListSort.orderBy(sort, PlanSort.class, DEFAULT_ORDER, PlanSort.TIE_BREAKER);
            if (status != null && !status.equals("DRAFT") && !status.equals("PUBLISHED")) {
                throw ApiException.invalidField("status", "must be DRAFT or PUBLISHED", status);
            }
            if (division != null && !division.matches("\\d{6}")) {
                throw ApiException.invalidField("division", "must be a 6-digit division code", division);
            }
            Paging paging = Paging.of(page, size);
            PlanScope scope = PlanScope.of(caller);
            PlanFilter filter = new PlanFilter(year, status, division);
            return plans.list(scope, filter, orderBy, paging)
                    .collectList()
                    .zipWith(plans.count(scope, filter))
                    .map(t -> new PageResponse<>(t.getT1(), paging.page(), paging.size(), t.getT2()));
        });
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "One plan with rows, monthly breakdown, denominators and capacity check",
            description = "404 outside the caller's scope (see the list), e.g. another county's plan.")
    Mono<ResponseEntity<PlanViews.PlanDetail>> get(@PathVariable UUID id) {
        return CurrentCaller.get()
                .flatMap(caller -> plans.find(id, PlanScope.of(caller))
                        .switchIfEmpty(Mono.error(() ->
                                ApiException.notFound(ProblemCodes.NOT_FOUND, "no plan " + id + " in your division"))))
                .map(PlanController::withETag);
    }

    private static ResponseEntity<PlanViews.PlanDetail> withETag(PlanViews.PlanDetail plan) {
        return ResponseEntity.ok().eTag(PlanVersions.etag(plan.version())).body(plan);
    }

    @PostMapping("/{id}/publish")
    @Operation(
            summary = "Publish a draft plan",
            description =
                    "By the bureau that made it (the city for a city "
                            + "plan, the county for a county plan); draws need a published plan, county plans a published city plan.")
    Mono<PlanViews.PlanDetail> publish(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> {
            requirePlanningBureau(caller);
            return plans.publish(id, caller).then(plans.find(id, PlanScope.of(caller)));
        });
    }

    /** Plans are made by a city bureau for its city or a county branch for its county. */
    private static void requirePlanningBureau(Caller caller) {
        boolean city = caller.hasRole(Role.CITY) && caller.division().level() == DivisionCode.Level.CITY;
        boolean county = caller.hasRole(Role.COUNTY) && caller.division().level() == DivisionCode.Level.COUNTY;
        if (!city && !county) {
            throw ApiException.forbidden(
                    ProblemCodes.FORBIDDEN,
                    "plans are made by a city bureau for its city or a county bureau for its county");
        }
    }
}
