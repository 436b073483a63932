package org.permitwatch.inspection.record;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.inspection.InspectionSubmitted;
import org.permitwatch.events.inspection.InspectionTopics;
import org.permitwatch.inspection.checklist.ChecklistCatalog;
import org.permitwatch.inspection.checklist.ChecklistItemView;
import org.permitwatch.inspection.finding.FindingWriter;
import org.permitwatch.inspection.task.TaskAccess;
import org.permitwatch.inspection.task.TaskView;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes of inspection records. Each write is one transaction holding the record, its version, findings, task
 * status, directory feedback, outbox events, audit row and idempotency key, so a retry or a failure never leaves
 * half of it behind.
 */
@Service
class InspectionService {

    private static final String RESOURCE = "inspection-record";

    private final RecordStore store;
    private final TaskAccess tasks;
    private final ChecklistCatalog checklists;
    private final UnitDirectory units;
    private final ContentAssembler assembler;
    private final FindingWriter findings;
    private final IdempotencyKeys idempotency;
    private final OutboxWriter outbox;
    private final AuditLog audit;
    private final JsonMapper json;
    private final TransactionalOperator tx;
    private final BackdatePolicy backdate;

    private final BureauClock clock;

    InspectionService(
            RecordStore store,
            TaskAccess tasks,
            ChecklistCatalog checklists,
            UnitDirectory units,
            ContentAssembler assembler,
            FindingWriter findings,
            IdempotencyKeys idempotency,
            OutboxWriter outbox,
            AuditLog audit,
            JsonMapper json,
            ReactiveTransactionManager transactions,
            BackdatePolicy backdate,
            BureauClock clock) {
        this.clock = clock;
        this.backdate = backdate;
        this.store = store;
        this.tasks = tasks;
        this.checklists = checklists;
        this.units = units;
        this.assembler = assembler;
        this.findings = findings;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
        this.tx = WholeTransactions.create(transactions);
    }

    /**
     * A new record for a task, submitted at once if asked. Submitted at once, the record is inserted as version 1 and
     * the task goes straight to DONE: the same rows as a draft then submitted in one transaction, in fewer statements
     * (issue 21: each is a round trip under 200 concurrent submissions).
     */
    Mono<IdempotencyKeys.Reply> create(Caller caller, RecordInput.Create body, String key) {
        return write(caller, key, "POST /api/v1/inspections", json.writeValueAsString(body), () -> {
            writableScope(caller);
            // The task, its unit and the city's checklist version in one statement (issue 21).
            return tasks.openForInspection(body.taskId(), caller).flatMap(target -> {
                TaskView task = target.task();
                DirectoryUnitSnapshot unit = unit(task.permitNumber(), target.unitSnapshot());
                UUID versionId = target.checklistVersionId();
                if (versionId == null) {
                    throw ApiException.conflict(
                            "no-published-checklist", "no checklist version is published for city " + task.cityCode());
                }
                return items(versionId, keyIndustry(unit), task.cityCode()).flatMap(items -> {
                    RecordContent content = assembler.assemble(body.content(), items, unit);
                    boolean submit = body.submitNow();
                    if (submit) {
                        ContentAssembler.requireSubmittable(content);
                    }
                    RecordRow row = new RecordRow(
                            UUID.randomUUID(),
                            task.id(),
                            task.permitNumber(),
                            unit.unitName(),
                            task.divisionCode(),
                            task.cityCode(),
                            keyIndustry(unit),
                            versionId,
                            submit ? RecordRow.SUBMITTED : RecordRow.DRAFT,
                            submit ? 1 : 0,
                            content,
                            caller.subject(),
                            null,
                            null,
                            null);
                    AuditLog.Entry created = new AuditLog.Entry(
                            "inspection.create",
                            RESOURCE,
                            row.id().toString(),
                            Map.of("taskId", task.id().toString()));
                    // Checked before anything is written: a back-dating beyond the window is a 400.
                    Mono<Void> submitted = submit
                            ? submitVersion(row, 1, null, content, null, caller, created)
                            : audit.recordAll(List.of(created));
                    return store.insert(row)
                            .onErrorMap(DataIntegrityViolationException.class, InspectionService::duplicateRecord)
                            .flatMap(stored -> (submit
                                            ? tasks.markStartedAndDone(task.id())
                                            : tasks.markInProgress(task.id()))
                                    .then(submitted)
                                    .then(Mono.fromCallable(() -> reply(stored, HttpStatus.CREATED))));
                });
            });
        });
    }

    Mono<IdempotencyKeys.Reply> updateDraft(Caller caller, UUID id, RecordInput.Draft body) {
        return write(caller, null, null, null, () -> {
            RecordScope scope = writableScope(caller);
            return locked(id, scope).flatMap(row -> {
                if (!row.draft()) {
                    return Mono.error(submittedIsImmutable(id));
                }
                return unit(row.permitNumber())
                        .flatMap(unit -> items(row.checklistVersionId(), row.keyIndustry(), row.cityCode())
                                .map(items -> assembler.assemble(body.content(), items, unit)))
                        .flatMap(content -> store.updateDraft(id, content))
                        .then(audit.record("inspection.update-draft", RESOURCE, id.toString(), Map.of()))
                        .then(reply(id, scope, HttpStatus.OK));
            });
        });
    }

    Mono<IdempotencyKeys.Reply> submit(Caller caller, UUID id, String key) {
        return write(caller, key, "POST /api/v1/inspections/" + id + "/submit", "", () -> {
            RecordScope scope = writableScope(caller);
            return locked(id, scope).flatMap(row -> {
                if (!row.draft()) {
                    return Mono.error(ApiException.conflict(
                            "inspection-already-submitted",
                            "inspection record " + id + " is already submitted; correct it instead"));
                }
                ContentAssembler.requireSubmittable(row.content());
                return submitVersion(row, 1, null, row.content(), null, caller, null)
                        .then(reply(id, scope, HttpStatus.OK));
            });
        });
    }

    Mono<IdempotencyKeys.Reply> correct(Caller caller, UUID id, RecordInput.Correction body, String key) {
        return write(
                caller, key, "POST /api/v1/inspections/" + id + "/corrections", json.writeValueAsString(body), () -> {
                    RecordScope scope = writableScope(caller);
                    return locked(id, scope).flatMap(row -> {
                        if (row.draft()) {
                            return Mono.error(ApiException.conflict(
                                    "inspection-not-submitted",
                                    "inspection record " + id
                                            + " is a draft; edit it with PUT instead of correcting it"));
                        }
                        return unit(row.permitNumber())
                                .flatMap(unit -> items(row.checklistVersionId(), row.keyIndustry(), row.cityCode())
                                        .map(items -> assembler.assemble(body.content(), items, unit)))
                                .flatMap(content -> {
                                    ContentAssembler.requireSubmittable(content);
                                    return submitVersion(
                                            row,
                                            row.currentVersion() + 1,
                                            body.reason().trim(),
                                            content,
                                            row.content().inspectedAt(),
                                            caller,
                                            null);
                                })
                                .then(reply(id, scope, HttpStatus.CREATED));
                    });
                });
    }

    /**
     * @param previousInspectedAt a correction: the inspection time of the version it corrects (an unchanged date is no
     *                            back-dating); null for a first submission
     * @param created the record was just {@link RecordStore#insert inserted} with this version and its task marked
     *                done, and this is its creation's audit entry (written with the submission's); null: the record
     *                existed, its version row and task are left to write
     */
    private Mono<Void> submitVersion(
            RecordRow row,
            int version,
            String reason,
            RecordContent content,
            OffsetDateTime previousInspectedAt,
            Caller caller,
            AuditLog.Entry created) {
        // Before anything is written: beyond the window a reason is required (400), and every back-dating is audited.
        Map<String, Object> backdated =
                backdate.check(content.inspectedAt(), previousInspectedAt, content.backdateReason());
        boolean inserted = created != null;
        // The creation (when the record was just inserted), the submission and any back-dating: one statement.
        List<AuditLog.Entry> audits = new ArrayList<>(3);
        if (inserted) {
            audits.add(created);
        }
        audits.add(new AuditLog.Entry(
                version == 1 ? "inspection.submit" : "inspection.correct",
                RESOURCE,
                row.id().toString(),
                reason == null ? Map.of("version", version) : Map.of("version", version, "reason", reason)));
        if (backdated != null) {
            audits.add(new AuditLog.Entry(
                    "record.backdate", RESOURCE, row.id().toString(), withVersion(backdated, version)));
        }
        FindingWriter.SubmittedVersion submitted = new FindingWriter.SubmittedVersion(
                row.id(),
                version,
                row.taskId(),
                row.permitNumber(),
                row.unitName(),
                row.divisionCode(),
                row.cityCode(),
                row.keyIndustry(),
                content.inspectedAt(),
                nonCompliant(content));
        Mono<Void> versionRow =
                inserted ? Mono.empty() : store.appendVersion(row.id(), version, reason, content, caller.subject());
        return versionRow
                .then(findings.apply(submitted))
                .flatMap(active -> (inserted ? Mono.<Void>empty() : tasks.markDone(row.taskId()))
                        .then(units.markInspected(row.permitNumber(), content.inspectedAt()))
                        .then(outbox.append(OutboxMessage.of(
                                InspectionTopics.INSPECTIONS,
                                row.id().toString(),
                                InspectionSubmitted.TYPE,
                                new InspectionSubmitted(
                                        row.id(),
                                        version,
                                        reason,
                                        row.taskId(),
                                        row.permitNumber(),
                                        row.unitName(),
                                        row.divisionCode().substring(0, 2) + "0000",
                                        row.cityCode(),
                                        row.divisionCode(),
                                        row.keyIndustry(),
                                        row.checklistVersionId(),
                                        content.inspectedAt(),
                                        clock.now(),
                                        caller.subject(),
                                        (int) content.count(ItemResult.COMPLIANT),
                                        (int) content.count(ItemResult.NON_COMPLIANT),
                                        (int) content.count(ItemResult.NOT_APPLICABLE),
                                        (int) content.count(ItemResult.NOT_CHECKED),
                                        (int) content.exceedances(),
                                        active))))
                        .then(audit.recordAll(audits)));
    }

    private static Map<String, Object> withVersion(Map<String, Object> details, int version) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(details);
        out.put("version", version);
        return out;
    }

    /** Each non-compliant item with the evidence it cites and, for the limits item, the exceeding measurements. */
    private static List<FindingWriter.NonCompliance> nonCompliant(RecordContent content) {
        return content.items().stream()
                .filter(i -> i.result() == ItemResult.NON_COMPLIANT)
                .map(i -> {
                    Set<String> cited = Set.copyOf(i.evidence());
                    List<RecordContent.Evidence> evidence = content.evidence().stream()
                            .filter(e -> cited.contains(e.sha256()))
                            .toList();
                    List<RecordContent.Measurement> measurements = "EXCEEDING_LIMITS".equals(i.violationType())
                            ? content.measurements().stream()
                                    .filter(RecordContent.Measurement::exceeded)
                                    .toList()
                            : List.of();
                    return new FindingWriter.NonCompliance(
                            i.itemId(),
                            i.code(),
                            i.itemNo(),
                            i.title(),
                            i.violationType(),
                            i.article(),
                            i.notes(),
                            evidence,
                            measurements);
                })
                .toList();
    }

    /**
     * Runs the write in one transaction, once per Idempotency-Key when the client sent one ({@link
     * IdempotencyKeys#run}). The transaction itself finishes whole when the caller goes away ({@link
     * WholeTransactions}, ADR 0056: the load run once stored a record without its key row). The wait for a concurrent
     * copy is detached with it, so the next copy of the key starts only when this transaction has really ended, not
     * when the gateway gave up.
     */
    private Mono<IdempotencyKeys.Reply> write(
            Caller caller, String key, String operation, String request, Supplier<Mono<IdempotencyKeys.Reply>> work) {
        Mono<IdempotencyKeys.Reply> transaction = idempotency.run(caller.subject(), key, operation, request, tx, work);
        return Mono.deferContextual(
                context -> Mono.fromFuture(transaction.contextWrite(context).toFuture(), true));
    }

    private static RecordScope writableScope(Caller caller) {
        RecordScope scope = RecordScope.of(caller);
        if (!scope.canWrite()) {
            throw ApiException.forbidden(
                    "inspection-write-forbidden",
                    "only CITY or COUNTY staff and the task's inspectors may write inspection records");
        }
        return scope;
    }

    private Mono<RecordRow> locked(UUID id, RecordScope scope) {
        return store.find(id, scope, true).switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    private Mono<DirectoryUnitSnapshot> unit(String permitNumber) {
        return units.snapshot(permitNumber).switchIfEmpty(Mono.error(() -> unitNotInDirectory(permitNumber)));
    }

    /** @param snapshot the unit's snapshot as its task read returned it; null when the unit is not in the directory */
    private DirectoryUnitSnapshot unit(String permitNumber, String snapshot) {
        if (snapshot == null) {
            throw unitNotInDirectory(permitNumber);
        }
        return units.parse(snapshot);
    }

    private static ApiException unitNotInDirectory(String permitNumber) {
        return ApiException.conflict(
                "unit-not-in-directory", "unit " + permitNumber + " is not in the directory projection yet");
    }

    private Mono<List<ChecklistItemView>> items(UUID versionId, String keyIndustry, String cityCode) {
        return checklists.itemsFor(versionId, keyIndustry, cityCode).collectList();
    }

    private IdempotencyKeys.Reply reply(RecordRow row, HttpStatus status) {
        return new IdempotencyKeys.Reply(status.value(), json.writeValueAsString(RecordView.of(row)), row.id());
    }

    private Mono<IdempotencyKeys.Reply> reply(UUID id, RecordScope scope, HttpStatus status) {
        return store.find(id, scope, false)
                .map(row -> new IdempotencyKeys.Reply(status.value(), json.writeValueAsString(RecordView.of(row)), id));
    }

    private static String keyIndustry(DirectoryUnitSnapshot unit) {
        return unit.keyIndustry() == null ? "OTHER" : unit.keyIndustry();
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("inspection-not-found", "no inspection record " + id + " in your scope");
    }

    static ApiException submittedIsImmutable(UUID id) {
        return ApiException.conflict(
                "inspection-submitted",
                "inspection record " + id + " is submitted and immutable; submit a correction instead");
    }

    private static Throwable duplicateRecord(DataIntegrityViolationException e) {
        if (String.valueOf(e.getMessage()).contains("inspection_record_task_id_key")) {
            return ApiException.conflict("inspection-exists", "the task already has an inspection record");
        }
        return e;
    }
}
