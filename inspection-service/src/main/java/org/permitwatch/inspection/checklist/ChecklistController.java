package org.permitwatch.inspection.checklist;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@RequestMapping("/api/v1/checklists")
@Tag(name = "Checklists", description = "排污许可执法检查清单 (附件2): versions published by the province, additions by a city")
class ChecklistController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private static final String FORM_DESCRIPTION = "附件2 as a form to print and fill in on site: header (被检查单位名称, "
            + "排污许可证编号, 行业类别, 管理类别, 检查时间, 检查人员), one row per sub-point of every applicable item "
            + "(序号, 检查项目, 检查要点 with its article, tick boxes 是/否/不涉及, 备注), signature lines. "
            + "format=pdf (default; A4, CJK font embedded) or xlsx, or the matching Accept header. With taskId the "
            + "form is pre-filled for the task's unit and lists the items of the unit's industry (404 when the task is "
            + "outside the caller's division or, for an inspector, not assigned to them); without it, keyIndustry "
            + "picks the industry (default: the general list). 404 problem for an unknown or invisible version, 409 "
            + "for a draft or when the task's unit is not in the directory yet.";

    private final ChecklistQueries queries;
    private final ChecklistStore store;
    private final ChecklistForms forms;

    ChecklistController(ChecklistQueries queries, ChecklistStore store, ChecklistForms forms) {
        this.queries = queries;
        this.store = store;
        this.forms = forms;
    }

    @GetMapping
    @Operation(
            summary = "List checklist versions visible to the caller",
            description =
                    "The province's published versions, the caller's city's versions, and drafts of the caller's own bureau.")
    Mono<PageResponse<ChecklistViews.Version>> list(
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            return queries.list(caller, paging.offset(), paging.size())
                    .collectList()
                    .zipWith(queries.count(caller))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }

    @GetMapping("/current")
    @Operation(
            summary = "The checklist items of an inspection task, as data",
            description = "The version in force in the task's city (the city's latest additions on the province's "
                    + "latest version) with the items of the unit's industry: exactly what a record of the task is "
                    + "checked against, with the ids its items[].itemId name (the field app fills this in on site). "
                    + "404 problem when the task is outside the caller's division or, for an inspector, not "
                    + "assigned to them, or when nothing is published; 409 when the unit is not in the directory yet.")
    Mono<ChecklistViews.VersionDetail> currentForTask(
            @Parameter(description = "the inspection task", required = true) @RequestParam UUID taskId) {
        return CurrentCaller.get().flatMap(caller -> forms.itemsForTask(taskId, caller));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One version with its items", description = "404 when unknown or not visible to the caller.")
    Mono<ChecklistViews.VersionDetail> get(
            @PathVariable UUID id,
            @Parameter(description = "only the general rows and those of this industry") @RequestParam(required = false)
                    String keyIndustry) {
        KeyIndustry industry = industry(keyIndustry);
        return CurrentCaller.get()
                .flatMap(caller -> queries.find(id, caller)
                        .switchIfEmpty(
                                Mono.error(() -> ApiException.notFound("not-found", "no checklist version " + id)))
                        .flatMap(v -> queries.items(id, industry)
                                .collectList()
                                .map(items -> new ChecklistViews.VersionDetail(v, items))));
    }

    @GetMapping("/{id}/form")
    @FormResponses
    @Operation(summary = "Printable checklist form (附件2) of one version, XLSX or PDF", description = FORM_DESCRIPTION)
    Mono<ResponseEntity<byte[]>> form(
            @PathVariable UUID id,
            @Parameter(description = "pdf (default) or xlsx") @RequestParam(required = false) String format,
            @Parameter(description = "pre-fill for this inspection task's unit") @RequestParam(required = false)
                    UUID taskId,
            @Parameter(description = "without taskId: print this industry's items") @RequestParam(required = false)
                    String keyIndustry,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return render(id, format, taskId, keyIndustry, accept);
    }

    @GetMapping("/current/form")
    @FormResponses
    @Operation(
            summary = "Printable checklist form (附件2) of the version in force",
            description = "The version an inspection uses today in the task's city (or the caller's city): the city's "
                    + "latest additions on the province's latest version. " + FORM_DESCRIPTION)
    Mono<ResponseEntity<byte[]>> currentForm(
            @Parameter(description = "pdf (default) or xlsx") @RequestParam(required = false) String format,
            @Parameter(description = "pre-fill for this inspection task's unit") @RequestParam(required = false)
                    UUID taskId,
            @Parameter(description = "without taskId: print this industry's items") @RequestParam(required = false)
                    String keyIndustry,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return render(null, format, taskId, keyIndustry, accept);
    }

    private Mono<ResponseEntity<byte[]>> render(
            UUID id, String format, UUID taskId, String keyIndustry, String accept) {
        boolean xlsx = xlsx(format, accept);
        KeyIndustry industry = industry(keyIndustry);
        return CurrentCaller.get()
                .flatMap(caller -> forms.form(id, taskId, industry, caller))
                // POI and OpenPDF block (font parsing, zip writing): never on an event-loop thread.
                .publishOn(Schedulers.boundedElastic())
                .map(form -> {
                    byte[] body = xlsx ? ChecklistFormXlsx.render(form) : ChecklistFormPdf.render(form);
                    String name = "附件2-排污许可执法检查清单-"
                            + (form.unit() != null
                                    ? form.unit().permitNumber()
                                    : form.versionLabel().replace(' ', '-')) + (xlsx ? ".xlsx" : ".pdf");
                    return ResponseEntity.ok()
                            .contentType(xlsx ? XLSX : MediaType.APPLICATION_PDF)
                            .header(
                                    HttpHeaders.CONTENT_DISPOSITION,
                                    ContentDisposition.attachment()
                                            .filename(name, StandardCharsets.UTF_8)
                                            .build()
                                            .toString())
                            .body(body);
                });
    }

    /** {@code ?format=} wins; otherwise an Accept header naming XLSX; PDF by default (the form is for printing). */
    private static boolean xlsx(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "pdf" -> false;
                case "xlsx" -> true;
                default -> throw ApiException.invalidField("format", "must be pdf or xlsx", format);
            };
        }
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (MediaType m : types) {
            if (m.isWildcardType()) {
                continue;
            }
            if (XLSX.isCompatibleWith(m)) {
                return true;
            }
            if (MediaType.APPLICATION_PDF.isCompatibleWith(m)) {
                return false;
            }
        }
        return false;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Draft a new version",
            description =
                    "PROVINCE: a complete new province version (items 1–10, each with a general row). CITY: additions "
                            + "(item numbers ≥ 100) based on a published province version. Publish it with POST /{id}/publish.")
    Mono<ChecklistViews.VersionDetail> create(@RequestBody ChecklistDraft draft) {
        return CurrentCaller.get()
                .flatMap(caller -> store.create(draft, caller)
                        .flatMap(id -> queries.find(id, caller)
                                .flatMap(v -> queries.items(id, null)
                                        .collectList()
                                        .map(items -> new ChecklistViews.VersionDetail(v, items)))));
    }

    @PostMapping("/{id}/publish")
    @Operation(
            summary = "Publish a draft",
            description = "After this the version and its items never change (409 on a second publish).")
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
            throw ApiException.invalidField(
                    "keyIndustry",
                    "must be one of PAPER, STEEL, THERMAL_POWER, COKING, CEMENT, "
                            + "SEWAGE_TREATMENT, WATER_REUSE, OTHER",
                    value);
        }
    }
}
