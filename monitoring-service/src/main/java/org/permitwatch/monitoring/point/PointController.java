package org.permitwatch.monitoring.point;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
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
@RequestMapping("/api/v1/monitoring")
@Tag(name = "Monitoring points", description = "自动监控点: an MN bound to a permit's outlet and its pollutants")
class PointController {

    private final PointStore store;
    private final PointRegistry registry;

    PointController(PointStore store, PointRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    @PostMapping("/points")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Register a monitoring point (PROVINCE or CITY)",
            description = "The permit must be in the directory of the caller's division (400 naming permitNo); an "
                    + "outlet the permit does not have is accepted and shown with outletOnPermit=false. 409 mn-taken "
                    + "when the MN is registered already. The receiver accepts the MN's frames at once.")
    Mono<PointView> register(@RequestBody PointForm form) {
        return CurrentCaller.get().flatMap(caller -> {
            requireRegistrar(caller);
            PointForm valid = form.validated();
            return store.permitDivision(valid.permitNo(), caller)
                    .flatMap(division -> store.create(valid, division, caller))
                    .flatMap(id -> registry.reload())
                    .then(Mono.defer(() -> store.find(valid.mn(), caller)));
        });
    }

    @GetMapping("/points/{mn}")
    @Operation(summary = "One monitoring point", description = "404 when unknown or outside the caller's division.")
    Mono<PointView> get(@PathVariable String mn) {
        return CurrentCaller.get().flatMap(caller -> store.find(mn, caller));
    }

    @GetMapping("/points")
    @Operation(
            summary = "Monitoring points of the caller's division",
            description = "outletOnPermit=false lists the points whose outlet the permit does not have.")
    Mono<PageResponse<PointView>> list(
            @RequestParam(required = false) String permitNo,
            @RequestParam(required = false) Boolean outletOnPermit,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            return store.list(caller, permitNo, outletOnPermit, paging.offset(), paging.size())
                    .collectList()
                    .zipWith(store.count(caller, permitNo, outletOnPermit))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }

    @GetMapping("/unmonitored-outlets")
    @Operation(
            summary = "Outlets that must be automatically monitored but have no point",
            description = "主要排放口 of valid permits under 重点管理 in the caller's division without a registered MN.")
    Mono<PageResponse<UnmonitoredOutlet>> unmonitored(
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            return store.unmonitored(caller, paging.offset(), paging.size())
                    .collectList()
                    .zipWith(store.countUnmonitored(caller))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }

    /** City staff register their points; the province may for any city. */
    private static void requireRegistrar(Caller caller) {
        if (!caller.hasRole(Role.PROVINCE) && !caller.hasRole(Role.CITY)) {
            throw ApiException.forbidden("forbidden", "only province or city staff register monitoring points");
        }
    }
}
