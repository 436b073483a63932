package org.permitwatch.liaison.contact;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.permitwatch.support.web.SortParam;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@RequestMapping("/api/v1/liaisons")
@Tag(name = "Liaisons", description = "联络员名单 (附件4): two liaisons per city plus the province's contacts")
class ContactController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    /** The export is one sheet; a province has a few dozen contacts, so this bound is never reached in practice. */
    private static final int EXPORT_LIMIT = 2000;

    private final ContactStore store;

    ContactController(ContactStore store) {
        this.store = store;
    }

    @GetMapping
    @Operation(
            summary = "Active liaisons visible to the caller",
            description =
                    "The province sees all; a city (and its counties) sees its own liaisons and the province's contacts. "
                            + "Phone and e-mail are masked unless the caller holds pii:read. division narrows the list "
                            + "to the contacts of that division and the divisions inside it, role to one role; "
                            + "neither widens what the caller may see. Without sort: the 附件4 order (province contacts, then "
                            + "cities in the province's order, enforcement before permit issuing).")
    Mono<PageResponse<ContactViews.Contact>> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @Parameter(description = "6-digit division: its contacts and those inside it (140100: Taiyuan's)")
                    @RequestParam(required = false)
                    String division,
            @Parameter(
                            description = "one role",
                            schema = @Schema(allowableValues = {"ENFORCEMENT", "PERMIT_ISSUING", "PROVINCE"}))
                    @RequestParam(required = false)
                    String role,
            @RequestParam(required = false) @SortParam(ContactSort.class) String sort) {
        return CurrentCaller.get().flatMap(caller -> {
            Paging paging = Paging.of(page, size);
            ContactFilter filter = ContactFilter.of(division, role);
            return store.list(caller, filter, sort, paging.offset(), paging.size())
                    .map(l -> l.contact().forCaller(caller))
                    .collectList()
                    .zipWith(store.count(caller, filter))
                    .map(t -> paging.page(t.getT1(), t.getT2()));
        });
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "One active liaison",
            description = "404 when unknown, deactivated or outside the caller's scope.")
    Mono<ContactViews.Contact> get(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> store.find(id, caller).map(c -> c.forCaller(caller)));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Register a liaison (PROVINCE; or a CITY for its own two)",
            description = "409 liaison-role-taken when the city already has an active liaison of that role.")
    Mono<ContactViews.Contact> create(@RequestBody ContactForm form) {
        return CurrentCaller.get()
                .flatMap(caller -> store.create(form.validated(), caller)
                        .flatMap(id -> store.find(id, caller))
                        .map(c -> c.forCaller(caller)));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a liaison's entry")
    Mono<ContactViews.Contact> update(@PathVariable UUID id, @RequestBody ContactForm form) {
        return CurrentCaller.get()
                .flatMap(caller -> store.update(id, form.validated(), caller)
                        .then(store.find(id, caller))
                        .map(c -> c.forCaller(caller)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Deactivate a liaison",
            description = "The row is kept for the delivery log; the city may then register a successor.")
    Mono<Void> deactivate(@PathVariable UUID id) {
        return CurrentCaller.get().flatMap(caller -> store.deactivate(id, caller));
    }

    @GetMapping(value = "/export.xlsx", produces = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    @Operation(summary = "附件4 as XLSX", description = "Same rows and masking as the list, grouped by city.")
    Mono<ResponseEntity<byte[]>> export() {
        return CurrentCaller.get()
                .flatMap(caller -> store.list(caller, 0, EXPORT_LIMIT)
                        .map(l -> new ContactStore.Listed(l.contact().forCaller(caller), l.cityName()))
                        .collectList()
                        // POI builds the workbook in memory: CPU work kept off the event loop.
                        .publishOn(Schedulers.boundedElastic())
                        .map(LiaisonListWorkbook::render)
                        .map(bytes -> ResponseEntity.ok()
                                .contentType(XLSX)
                                .header(
                                        HttpHeaders.CONTENT_DISPOSITION,
                                        ContentDisposition.attachment()
                                                .filename("联络员名单.xlsx", StandardCharsets.UTF_8)
                                                .build()
                                                .toString())
                                .body(bytes)));
    }
}
