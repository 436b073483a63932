package org.permitwatch.monitoring.warning;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.web.ListSort;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.web.SortParam;
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
@RequestMapping("/api/v1/monitoring/heavy-pollution-warnings")
@Tag(
        name = "Heavy-pollution weather warnings",
        description = "重污染天气预警 calendar per city: while a warning is in force, the permits' 重污染天气应对 limits "
                + "judge the monitoring data (ADR 0039)")
class WarningController {

    private final WarningStore store;

    WarningController(WarningStore store) {
        this.store = store;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Declare a warning (PROVINCE for any city of the province, CITY for its own city)",
            description = "400 naming the field: cityCode not a city, outside the caller's division or without units "
                    + "in the directory; level missing; startsAt missing; endsAt not after startsAt. 409 "
                    + "warning-overlaps when the city has a warning whose period meets this one (one at a time: a new "
                    + "level is lifting the current warning and declaring the new one from that time). Audited.")
    Mono<WarningView> declare(@RequestBody WarningForm form) {
        return CurrentCaller.get().flatMap(caller -> {
            WarningForm valid = form.validated();
            WarningStore.requireManager(caller, valid.cityCode());
            return store.requireKnownCity(valid.cityCode(), caller).then(store.declare(valid, caller));
        });
    }

    @PostMapping("/{id}/lift")
    @Operation(
            summary = "Lift a warning (解除): set when it ends (PROVINCE or the city's CITY staff)",
            description = "400 naming endsAt when missing or not after the start; 409 warning-lifted when lifted "
                    + "already, warning-overlaps when a later end would meet the city's next warning. Audited.")
    Mono<WarningView> lift(@PathVariable UUID id, @RequestBody LiftForm form) {
        return CurrentCaller.get().flatMap(caller -> store.lift(id, form.endsAt(), caller));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One warning", description = "404 when unknown or outside the caller's province / city.")
    Mono<WarningView> get(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> store.findVisible(id, caller));
    }

    @GetMapping
    @Operation(
            summary = "Warnings of the caller's province (province staff) or city (everyone else), newest first",
            description = "inForce=true: those in force now; false: the others.")
    Mono<PageResponse<WarningView>> list(
            @Parameter(description = "one city (6 digits)") @RequestParam(required = false) String cityCode,
            @RequestParam(required = false) Boolean inForce,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) @SortParam(WarningSort.class) String sort) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            String orderBy =
                    ListSort.orderBy(sort, WarningSort.class, WarningSort.DEFAULT_ORDER, WarningSort.TIE_BREAKER);
            return store.list(caller, cityCode, inForce, orderBy, paging.offset(), paging.size())
                    .collectList()
                    .zipWith(store.count(caller, cityCode, inForce))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }
}
