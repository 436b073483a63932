package org.permitwatch.inspection.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.CurrentCaller;
import org.permitwatch.support.time.BureauClock;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@RequestMapping("/api/v1/cases")
@Tag(
        name = "Cases",
        description = "案件: opened from a finding or a confirmed remote alert, decided, rectified, closed (销号)")
class MonitoringEvidenceController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final MonitoringEvidence evidence;
    private final BureauClock clock;

    MonitoringEvidenceController(MonitoringEvidence evidence, BureauClock clock) {
        this.evidence = evidence;
        this.clock = clock;
    }

    /** The frozen copy as JSON: what the XLSX and CSV tabulate. */
    record MonitoringEvidenceView(
            UUID caseId,
            String caseNo,
            UUID alertId,

            @Schema(description = "SHA-256 (hex) of the frozen JSON text")
            String sha256,

            OffsetDateTime frozenAt,
            FrozenSeries evidence) {}

    @GetMapping("/{id}/monitoring-evidence")
    @Operation(
            summary = "Monitoring evidence of a case opened from a monitoring alert (在线监测数据证据)",
            description = "The alert's series, limit, flags and validity as frozen when the case was opened, with the "
                    + "copy's SHA-256; later monitoring events never change it. format=json (default), xlsx or csv "
                    + "(UTF-8 with BOM): the case file's table 在线监测数据证据表, times in the bureau zone. Bureau staff "
                    + "inside their division (a case from an alert has no task, so inspectors do not see it); 404 "
                    + "no-monitoring-evidence for a case not opened from a monitoring alert. Every read is audited "
                    + "(case.evidence.export).",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = {
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = MonitoringEvidenceView.class)),
                                @Content(
                                        mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                        schema = @Schema(type = "string", format = "binary")),
                                @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary"))
                            }))
    Mono<ResponseEntity<?>> export(
            @PathVariable UUID id,
            @Parameter(description = "json (default), xlsx or csv") @RequestParam(required = false) String format) {
        String chosen = format(format);
        return CurrentCaller.get()
                .flatMap(caller -> evidence.find(id, caller))
                .flatMap(f -> evidence.audited(f, chosen).thenReturn(f))
                // POI and the CSV builder block: never on an event-loop thread.
                .publishOn(Schedulers.boundedElastic())
                .map(f -> switch (chosen) {
                    case "xlsx" ->
                        attachment(
                                MonitoringEvidenceExport.xlsx(f, clock.zone()),
                                XLSX,
                                MonitoringEvidenceExport.fileName(f, "xlsx"));
                    case "csv" ->
                        attachment(
                                MonitoringEvidenceExport.csv(f, clock.zone()),
                                CSV,
                                MonitoringEvidenceExport.fileName(f, "csv"));
                    default ->
                        ResponseEntity.ok()
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(new MonitoringEvidenceView(
                                        f.caseId(), f.caseNo(), f.alertId(), f.sha256(), f.frozenAt(), f.series()));
                });
    }

    private static String format(String format) {
        if (format == null || format.isBlank()) {
            return "json";
        }
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("xlsx") && !f.equals("csv")) {
            throw ApiException.invalidField("format", "must be json, xlsx or csv", format);
        }
        return f;
    }

    private static ResponseEntity<?> attachment(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(name, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(body);
    }
}
