package org.permitwatch.inspection.checklist;

import org.permitwatch.support.web.Paging;
import org.permitwatch.support.web.PageResponse;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.CurrentCaller;
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
@RequestMapping("/api/v1/checklists")
@Tag(name = "Checklists", description = "排污许可执法检查清单 (附件2): versions published by the province, additions by a city")
class ChecklistController {

    private final ChecklistQueries queries;
    private final ChecklistStore store;

    ChecklistController(ChecklistQueries queries, ChecklistStore store) {
        this.queries = queries;
        this.store = store;
    }

    @GetMapping
    @Operation(summary = "List checklist versions visible to the caller",
            description = "The province's published versions, the caller's city's versions, and drafts of the caller's own bureau.")
    Mono<PageResponse<ChecklistViews.Version>> list(@RequestParam(required = false) Integer page,
                                                   @RequestParam(required = false) Integer size) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            return queries.list(caller, paging.offset(), paging.size()).collectList()
                    .zipWith(queries.count(caller))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "One version with its items", description = "404 when unknown or not visible to the caller.")
    Mono<ChecklistViews.VersionDetail> get(@PathVariable UUID id,
            @Parameter(description = "only the general rows and those of this industry")
            @RequestParam(required = false) String keyIndustry) {
        KeyIndustry industry = industry(keyIndustry);
        return CurrentCaller.get().flatMap(caller -> queries.find(id, caller)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("not-found", "no checklist version " + id)))
                .flatMap(v -> queries.items(id, industry).collectList().map(items -> new ChecklistViews.VersionDetail(v, items))));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Draft a new version",
            description = "PROVINCE: a complete new province version (items 1–10, each with a general row). CITY: additions "
                    + "(item numbers ≥ 100) based on a published province version. Publish it with POST /{id}/publish.")
    Mono<ChecklistViews.VersionDetail> create(@RequestBody ChecklistDraft draft) {
        return CurrentCaller.get().flatMap(caller -> store.create(draft, caller)
                .flatMap(id -> queries.find(id, caller)
                        .flatMap(v -> queries.items(id, null).collectList().map(items -> new ChecklistViews.VersionDetail(v, items)))));
    }

    @PostMapping("/{id}/publish")
    @Operation(summary = "Publish a draft", description = "After this the version and its items never change (409 on a second publish).")
    Mono<ChecklistViews.Version> publish(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> store.publish(id, caller).then(queries.find(id, caller)));
    }

    private static KeyIndustry industry(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return KeyIndustry.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("keyIndustry", "must be one of PAPER, STEEL, THERMAL_POWER, COKING, CEMENT, "
                    + "SEWAGE_TREATMENT, WATER_REUSE, OTHER", value);
        }
    }
}
