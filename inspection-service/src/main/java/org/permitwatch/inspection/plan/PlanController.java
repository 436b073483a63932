package org.permitwatch.inspection.plan;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/plans")
@EnableConfigurationProperties(PlanProperties.class)
@Tag(name = "Plans", description = "排污许可清单式执法检查计划 (附件3): a city's annual plan by industry, broken down by month")
class PlanController {

    private final PlanService plans;

    PlanController(PlanService plans) {
        this.plans = plans;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a city's annual plan", description = "CITY users only, for their own city. Ratio "
            + "denominators are counted from the directory; the response carries the capacity check and its warnings.")
    Mono<PlanViews.PlanDetail> create(@Valid @RequestBody PlanRequests.CreatePlan request) {
        return CurrentCaller.get().flatMap(caller -> {
            requireCity(caller);
            return plans.create(request, caller).flatMap(id -> plans.find(id, caller.division().likePattern()));
        });
    }

    @GetMapping
    @Operation(summary = "List plans", description = "Paged, plans of cities inside the caller's division.")
    Mono<PageResponse<PlanViews.PlanSummary>> list(@RequestParam(required = false) Integer page,
                                                  @RequestParam(required = false) Integer size,
                                                  @RequestParam(required = false) Integer year) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            String like = planScope(caller);
            return plans.list(like, year, paging).collectList().zipWith(plans.count(like, year))
                    .map(t -> new PageResponse<>(t.getT1(), paging.page(), paging.size(), t.getT2()));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "One plan with rows, monthly breakdown, denominators and capacity check")
    Mono<PlanViews.PlanDetail> get(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> plans.find(id, planScope(caller))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(ProblemCodes.NOT_FOUND,
                        "no plan " + id + " in your division"))));
    }

    @PostMapping("/{id}/publish")
    @Operation(summary = "Publish a draft plan", description = "CITY users of the plan's city; draws need a published plan.")
    Mono<PlanViews.PlanDetail> publish(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> {
            requireCity(caller);
            return plans.publish(id, caller).then(plans.find(id, caller.division().likePattern()));
        });
    }

    private static void requireCity(Caller caller) {
        if (!caller.hasRole(Role.CITY) || caller.division().level() != DivisionCode.Level.CITY) {
            throw ApiException.forbidden(ProblemCodes.FORBIDDEN, "plans are made by a city bureau for its city");
        }
    }

    /** A county sees its city's plans (it carries them out); everyone else their own division's. */
    private static String planScope(Caller caller) {
        return caller.division().cityCode().likePattern();
    }
}
