package org.permitwatch.monitoring.point;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/monitoring")
@Tag(name = "Monitoring points", description = "自动监控点: an MN bound to a permit's outlet and its pollutants")
class PointController {

    /** A sheet of 2,000 points is some 100 kB as XLSX, 200 kB as CSV; 5 MB leaves room and stops abuse early. */
    static final int MAX_FILE_BYTES = 5 * 1024 * 1024;

    private final PointStore store;
    private final PointRegistry registry;
    private final PointImporter importer;

    PointController(PointStore store, PointRegistry registry, PointImporter importer) {
        this.store = store;
        this.registry = registry;
        this.importer = importer;
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

    @PostMapping(path = "/points/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Import the provincial platform's sheet of points, XLSX or CSV (PROVINCE or CITY)",
            description = "Part 'file': the first sheet (XLSX) or the text (CSV, UTF-8 or GB18030), header row first "
                    + "with the columns 数采仪MN号, 密码, 排污许可证编号, 排放口编号, 监测因子 (docs/monitoring.md lists the "
                    + "names accepted). All rows or none: 400 with errors[] naming rows[<sheet row>].<field> for "
                    + "malformed values, an MN twice in the file or registered to another outlet, a permit outside the "
                    + "caller's division, unknown pollutant codes. A row whose MN is registered to the same outlet is "
                    + "unchanged (or updated: password, pollutants). dryRun=true judges and answers without storing. "
                    + "At most 5 MB and 2,000 rows.")
    Mono<ImportReport> importSheet(
            @RequestPart("file") Mono<FilePart> file,
            @Parameter(description = "judge and preview only, store nothing") @RequestParam(defaultValue = "false")
                    boolean dryRun) {
        return CurrentCaller.get().flatMap(caller -> {
            requireRegistrar(caller);
            return file.switchIfEmpty(Mono.error(() -> PointSheet.fileProblem("no file part")))
                    .flatMap(part -> DataBufferUtils.join(part.content(), MAX_FILE_BYTES)
                            .map(PointController::bytes)
                            .onErrorMap(
                                    DataBufferLimitException.class,
                                    e -> PointSheet.fileProblem("larger than " + MAX_FILE_BYTES + " bytes"))
                            .flatMap(content -> importer.importFile(content, part.filename(), dryRun, caller)))
                    .flatMap(report -> report.dryRun()
                            ? Mono.just(report)
                            : registry.reload().thenReturn(report));
        });
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
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
