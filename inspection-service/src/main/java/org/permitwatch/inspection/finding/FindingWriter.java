package org.permitwatch.inspection.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.permitwatch.events.inspection.FindingRecorded;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.time.BureauClock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brings a record's findings in line with a newly submitted version, inside the submission's transaction: a
 * non-compliant item that says exactly what it said before keeps its finding; a changed one gets a new finding
 * that supersedes the old; a finding whose item is no longer non-compliant is superseded by nothing. Nothing is
 * deleted. Every new or superseded finding is published (FindingRecorded, keyed by finding id) via the outbox.
 * A new finding whose violation is already the subject of an unfinished rectification order is marked as continuing
 * that case (see {@link #continuedCase}).
 */
@Component
public class FindingWriter {

    static final String ACTIVE = "ACTIVE";
    static final String SUPERSEDED = "SUPERSEDED";

    private final DatabaseClient db;
    private final JsonMapper json;
    private final OutboxWriter outbox;
    private final BureauClock clock;

    FindingWriter(DatabaseClient db, JsonMapper json, OutboxWriter outbox, BureauClock clock) {
        this.db = db;
        this.json = json;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A submitted record version and its non-compliant items. */
    public record SubmittedVersion(
            UUID recordId,
            int version,
            UUID taskId,
            String permitNumber,
            String unitName,
            String divisionCode,
            String cityCode,
            String keyIndustry,
            OffsetDateTime inspectedAt,
            List<NonCompliance> nonCompliant) {
        public SubmittedVersion {
            nonCompliant = List.copyOf(nonCompliant);
        }
    }

    /**
     * One non-compliant item.
     *
     * @param evidence     the evidence metadata supporting it (serialised as JSON)
     * @param measurements the measurements supporting it (serialised as JSON)
     */
    public record NonCompliance(
            UUID itemId,
            String itemCode,
            Integer itemNo,
            String itemTitle,
            String violationType,
            String article,
            String notes,
            List<?> evidence,
            List<?> measurements) {}

    /** Applies the version; emits the ids of the findings in force afterwards. */
    public Mono<List<UUID>> apply(SubmittedVersion v) {
        if (v.version() == 1) {
            // A record's findings come from its submitted versions only: before the first there are none to lock.
            return reconcile(v, List.of());
        }
        return db.sql("SELECT " + FindingRows.COLUMNS
                        + " FROM finding f WHERE f.record_id = :record AND f.status = 'ACTIVE' " + "FOR UPDATE")
                .bind("record", v.recordId())
                .map(FindingRows::row)
                .all()
                .collectList()
                .flatMap(active -> reconcile(v, active));
    }

    private Mono<List<UUID>> reconcile(SubmittedVersion v, List<FindingRows.Row> active) {
        Map<UUID, FindingRows.Row> byItem = new HashMap<>();
        active.forEach(f -> byItem.put(f.itemId(), f));
        Set<UUID> nonCompliantItems =
                v.nonCompliant().stream().map(NonCompliance::itemId).collect(Collectors.toSet());
        List<UUID> inForce = new ArrayList<>();
        List<Mono<Void>> steps = new ArrayList<>();
        for (NonCompliance nc : v.nonCompliant()) {
            String evidence = json.writeValueAsString(nc.evidence());
            String measurements = json.writeValueAsString(nc.measurements());
            String fingerprint = sha256(json.writeValueAsString(nc));
            FindingRows.Row previous = byItem.get(nc.itemId());
            if (previous != null && previous.fingerprint().equals(fingerprint)) {
                inForce.add(previous.id());
                continue;
            }
            UUID id = UUID.randomUUID();
            inForce.add(id);
            steps.add((previous == null ? Mono.<Void>empty() : supersede(previous.id()))
                    .then(continuedCase(v, nc.violationType()).map(Optional::of).defaultIfEmpty(Optional.empty()))
                    .flatMap(continues ->
                            insert(id, v, nc, evidence, measurements, fingerprint, previous, continues.orElse(null)))
                    .then(previous == null ? Mono.<Void>empty() : link(previous.id(), id))
                    .then(publish(id))
                    .then(previous == null ? Mono.<Void>empty() : publish(previous.id())));
        }
        for (FindingRows.Row gone : active) {
            if (!nonCompliantItems.contains(gone.itemId())) {
                steps.add(supersede(gone.id()).then(publish(gone.id())));
            }
        }
        // Sequential: statements on one transactional connection must not interleave.
        return Flux.fromIterable(steps).concatMap(step -> step).then(Mono.just(List.copyOf(inForce)));
    }

    /**
     * The case this violation continues, if any: a case of the same unit and violation type, opened from another
     * record (or from a remote alert), whose rectification order was served on or before the inspection day and is not
     * yet verified complete. That is exactly when a CONTINUING verification (and a daily fine) may rest on this
     * record: the re-inspection after 责令改正 found the unit still in breach — the same violation, not a new one
     * (附件1 counts it once, issue 12.5). The earliest such case wins, so the answer does not depend on row order.
     */
    private Mono<UUID> continuedCase(SubmittedVersion v, String violationType) {
        LocalDate inspectedOn = clock.dayOf(v.inspectedAt());
        return db.sql("""
                        SELECT c.id FROM enforcement_case c JOIN rectification r ON r.case_id = c.id
                        WHERE c.permit_number = :permit AND c.violation_type = :violation
                          AND c.record_id IS DISTINCT FROM :record AND c.status <> 'CLOSED'
                          AND r.status <> 'VERIFIED_COMPLETE' AND r.served_on <= :inspectedOn
                        ORDER BY c.opened_at, c.id LIMIT 1""")
                .bind("permit", v.permitNumber())
                .bind("violation", violationType)
                .bind("record", v.recordId())
                .bind("inspectedOn", inspectedOn)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    private Mono<Void> insert(
            UUID id,
            SubmittedVersion v,
            NonCompliance nc,
            String evidence,
            String measurements,
            String fingerprint,
            FindingRows.Row previous,
            UUID continuesCase) {
        var spec = db.sql("""
                        INSERT INTO finding (id, record_id, record_version, task_id, item_id, item_code, item_no,
                            item_title, violation_type, article, permit_number, unit_name, division_code, city_code,
                            key_industry, notes, evidence, measurements, fingerprint, status, supersedes, inspected_at,
                            continues_case_id)
                        VALUES (:id, :record, :version, :task, :item, :code, :itemNo, :title, :violation, :article,
                            :permit, :unitName, :division, :city, :industry, :notes, CAST(:evidence AS jsonb),
                            CAST(:measurements AS jsonb), :fingerprint, 'ACTIVE', :supersedes, :inspectedAt,
                            :continues)""")
                .bind("id", id)
                .bind("record", v.recordId())
                .bind("version", v.version())
                .bind("task", v.taskId())
                .bind("item", nc.itemId())
                .bind("code", nc.itemCode())
                .bind("title", nc.itemTitle())
                .bind("violation", nc.violationType())
                .bind("permit", v.permitNumber())
                .bind("unitName", v.unitName())
                .bind("division", v.divisionCode())
                .bind("city", v.cityCode())
                .bind("industry", v.keyIndustry())
                .bind("evidence", evidence)
                .bind("measurements", measurements)
                .bind("fingerprint", fingerprint)
                .bind("inspectedAt", v.inspectedAt());
        spec = nc.itemNo() == null ? spec.bindNull("itemNo", Integer.class) : spec.bind("itemNo", nc.itemNo());
        spec = nc.article() == null ? spec.bindNull("article", String.class) : spec.bind("article", nc.article());
        spec = nc.notes() == null ? spec.bindNull("notes", String.class) : spec.bind("notes", nc.notes());
        spec = previous == null ? spec.bindNull("supersedes", UUID.class) : spec.bind("supersedes", previous.id());
        spec = continuesCase == null ? spec.bindNull("continues", UUID.class) : spec.bind("continues", continuesCase);
        return spec.then();
    }

    private Mono<Void> supersede(UUID id) {
        return db.sql("UPDATE finding SET status = 'SUPERSEDED', superseded_at = now() WHERE id = :id")
                .bind("id", id)
                .then();
    }

    private Mono<Void> link(UUID previous, UUID next) {
        return db.sql("UPDATE finding SET superseded_by = :next WHERE id = :id")
                .bind("next", next)
                .bind("id", previous)
                .then();
    }

    /** Publishes the finding as stored now, so the event always matches the row. */
    private Mono<Void> publish(UUID id) {
        return db.sql("SELECT " + FindingRows.COLUMNS + " FROM finding f WHERE f.id = :id")
                .bind("id", id)
                .map(FindingRows::row)
                .one()
                .flatMap(f -> outbox.append(
                        OutboxMessage.of(InspectionTopics.FINDINGS, f.id().toString(), FindingRecorded.TYPE, event(f))))
                .then();
    }

    private static FindingRecorded event(FindingRows.Row f) {
        return new FindingRecorded(
                f.id(),
                f.status(),
                f.supersedes(),
                f.supersededBy(),
                f.recordId(),
                f.recordVersion(),
                f.permitNumber(),
                f.unitName(),
                f.divisionCode().substring(0, 2) + "0000",
                f.cityCode(),
                f.divisionCode(),
                f.keyIndustry(),
                f.itemCode(),
                f.itemNo(),
                f.violationType(),
                f.article(),
                f.inspectedAt(),
                f.recordedAt(),
                f.continuesCaseId());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
