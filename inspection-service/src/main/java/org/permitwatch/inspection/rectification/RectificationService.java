package org.permitwatch.inspection.rectification;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.events.enforcement.RectificationCompleted;
import org.permitwatch.events.enforcement.RectificationOrdered;
import org.permitwatch.events.enforcement.RectificationOverdue;
import org.permitwatch.inspection.cases.CaseAccess;
import org.permitwatch.inspection.cases.CaseRow;
import org.permitwatch.inspection.task.NewTask;
import org.permitwatch.inspection.task.TaskMethod;
import org.permitwatch.inspection.task.TaskOrigin;
import org.permitwatch.inspection.task.TaskWriter;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Rectification orders (责令改正) to verified completion: ORDERED → IN_PROGRESS → VERIFIED_COMPLETE, or
 * ORDERED/IN_PROGRESS → ESCALATED when the deadline passes unverified (a late verification still completes it).
 * Every write is one transaction with the rectification's row lock, the audit row and the case event.
 */
@Service
class RectificationService {

    static final String ORDERED = RectificationStatus.ORDERED.name();
    static final String IN_PROGRESS = RectificationStatus.IN_PROGRESS.name();
    static final String VERIFIED_COMPLETE = RectificationStatus.VERIFIED_COMPLETE.name();
    static final String ESCALATED = RectificationStatus.ESCALATED.name();
    private static final String RESOURCE = "rectification";

    private final DatabaseClient db;
    private final CaseAccess cases;
    private final TaskWriter tasks;
    private final AuditLog audit;
    private final RectificationProperties properties;
    private final TransactionalOperator tx;

    private final BureauClock clock;

    RectificationService(
            DatabaseClient db,
            CaseAccess cases,
            TaskWriter tasks,
            AuditLog audit,
            RectificationProperties properties,
            ReactiveTransactionManager transactions,
            BureauClock clock) {
        this.clock = clock;
        this.db = db;
        this.cases = cases;
        this.tasks = tasks;
        this.audit = audit;
        this.properties = properties;
        this.tx = WholeTransactions.create(transactions);
    }

    /** A locked rectification with what its checks need of the case. */
    private record Locked(
            UUID id,
            UUID caseId,
            String status,
            LocalDate servedOn,
            LocalDate deadline,
            String permitNumber,
            String violationType,
            String caseStatus) {}

    Mono<UUID> order(UUID caseId, RectificationRequests.Order body, Caller caller) {
        CaseAccess.requireBureau(caller);
        return cases.lockInScope(caseId, caller)
                .flatMap(c -> {
                    if (CaseRow.CLOSED.equals(c.status())) {
                        return Mono.error(ApiException.conflict("case-closed", "case " + c.caseNo() + " is closed"));
                    }
                    LocalDate today = clock.today();
                    LocalDate servedOn = servedOn(body.servedOn(), today, clock.dayOf(c.violationAt()));
                    LocalDate deadline = body.deadline() == null
                            ? servedOn.plusDays(properties.defaultDeadlineDays())
                            : body.deadline();
                    if (deadline.isBefore(servedOn)) {
                        return Mono.error(ApiException.invalidField(
                                "deadline",
                                "must not be before the order was served (" + servedOn + ")",
                                body.deadline()));
                    }
                    UUID id = UUID.randomUUID();
                    // A back-dated order's follow-up may already be due: the task is due today then, never in the past.
                    LocalDate due = max(deadline.plusDays(properties.followUpDueDays()), today);
                    NewTask followUp = new NewTask(
                            c.permitNumber(),
                            c.divisionCode(),
                            c.cityCode(),
                            TaskOrigin.FOLLOW_UP,
                            null,
                            null,
                            TaskMethod.ON_SITE,
                            due,
                            YearMonth.from(due).toString(),
                            properties.followUpDepartment(),
                            List.of());
                    OffsetDateTime now = clock.now();
                    return db.sql("""
                            INSERT INTO rectification (id, case_id, status, ordered_on, served_on, deadline, requirements,
                                ordered_by)
                            VALUES (:id, :case, 'ORDERED', :on, :served, :deadline, :requirements, :by)""")
                            .bind("id", id)
                            .bind("case", caseId)
                            .bind("on", today)
                            .bind("served", servedOn)
                            .bind("deadline", deadline)
                            .bind("requirements", body.requirements().trim())
                            .bind("by", caller.subject())
                            .then()
                            .onErrorMap(
                                    DataIntegrityViolationException.class,
                                    e -> ApiException.conflict(
                                            "rectification-exists",
                                            "case " + c.caseNo() + " already has a rectification order"))
                            .then(tasks.createOrMerge(followUp, caller.subject()))
                            .flatMap(saved -> db.sql(
                                            "UPDATE rectification SET follow_up_task_id = :task WHERE id = :id")
                                    .bind("task", saved.taskId())
                                    .bind("id", id)
                                    .then()
                                    .then(audit.record(
                                            "rectification.order",
                                            RESOURCE,
                                            id.toString(),
                                            Map.of(
                                                    "caseId",
                                                    caseId.toString(),
                                                    "servedOn",
                                                    servedOn.toString(),
                                                    "backdatedDays",
                                                    ChronoUnit.DAYS.between(servedOn, today),
                                                    "deadline",
                                                    deadline.toString(),
                                                    "followUpTaskId",
                                                    saved.taskId().toString(),
                                                    "mergedIntoExistingTask",
                                                    saved.merged()))))
                            // The event's order date is the legal one: the day the order was served on the unit.
                            .then(cases.emit(
                                    caseId,
                                    RectificationOrdered.TYPE,
                                    ref -> new RectificationOrdered(
                                            ref, id, servedOn, deadline, caller.subject(), now)))
                            .thenReturn(id);
                })
                .as(tx::transactional);
    }

    /**
     * The service day of an order: default today; 400 naming {@code servedOn} when it lies in the future, further back
     * than the configured window, or before the violation was found (an order follows its finding).
     */
    private LocalDate servedOn(LocalDate given, LocalDate today, LocalDate violatedOn) {
        if (given == null) {
            return today;
        }
        if (given.isAfter(today)) {
            throw ApiException.invalidField(
                    "servedOn", "must not be in the future (today is " + today + " in " + clock.zone() + ")", given);
        }
        LocalDate earliest = today.minusDays(properties.serviceBackdateDays());
        if (given.isBefore(earliest)) {
            throw ApiException.invalidField(
                    "servedOn",
                    "may lie at most " + properties.serviceBackdateDays() + " days in the past (not before " + earliest
                            + ")",
                    given);
        }
        if (given.isBefore(violatedOn)) {
            throw ApiException.invalidField(
                    "servedOn", "must not be before the violation was found on " + violatedOn, given);
        }
        return given;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** A step reported by the unit: ORDERED → IN_PROGRESS; later steps are recorded without a state change. */
    Mono<UUID> progress(UUID rectificationId, RectificationRequests.Progress body, Caller caller) {
        CaseAccess.requireBureau(caller);
        return lock(rectificationId, caller)
                .flatMap(r -> {
                    if (VERIFIED_COMPLETE.equals(r.status())) {
                        return Mono.error(complete(r.id()));
                    }
                    return db.sql("""
                            INSERT INTO rectification_progress (id, rectification_id, note, reported_by)
                            VALUES (:id, :rectification, :note, :by)""")
                            .bind("id", UUID.randomUUID())
                            .bind("rectification", r.id())
                            .bind("note", body.note().trim())
                            .bind("by", caller.subject())
                            .then()
                            .then(db.sql("UPDATE rectification SET status = 'IN_PROGRESS', updated_at = now() "
                                            + "WHERE id = :id AND status = ANY(:from)")
                                    .bind("from", RectificationStatus.sourcesOf(RectificationStatus.IN_PROGRESS))
                                    .bind("id", r.id())
                                    .then())
                            .then(audit.record(
                                    "rectification.progress",
                                    RESOURCE,
                                    r.id().toString(),
                                    Map.of("note", body.note().trim())))
                            .thenReturn(r.id());
                })
                .as(tx::transactional);
    }

    /**
     * The follow-up verdict, resting on a submitted record of the unit inspected on or after the order day: COMPLETE
     * only when the record holds no active finding of the case's violation type, CONTINUING only when it does.
     */
    Mono<UUID> verify(UUID rectificationId, RectificationRequests.Verification body, Caller caller) {
        CaseAccess.requireBureau(caller);
        return lock(rectificationId, caller)
                .flatMap(r -> {
                    if (VERIFIED_COMPLETE.equals(r.status())) {
                        return Mono.error(complete(r.id()));
                    }
                    return db.sql("""
                            SELECT ir.permit_number, ir.status, ir.content->>'inspectedAt' AS inspected_at,
                                   (SELECT count(*) FROM finding f WHERE f.record_id = ir.id AND f.status = 'ACTIVE'
                                       AND f.violation_type = :violation) AS active
                            FROM inspection_record ir WHERE ir.id = :record""")
                            .bind("violation", r.violationType())
                            .bind("record", body.recordId())
                            .map(row -> new Object[] {
                                row.get("permit_number", String.class),
                                row.get("status", String.class),
                                row.get("inspected_at", String.class),
                                row.get("active", Long.class)
                            })
                            .one()
                            .filter(row -> r.permitNumber().equals(row[0]) && "SUBMITTED".equals(row[1]))
                            .switchIfEmpty(Mono.error(() -> ApiException.conflict(
                                    "record-not-usable",
                                    "record " + body.recordId()
                                            + " is not a submitted inspection record of this unit")))
                            .flatMap(row -> {
                                LocalDate inspectedOn = OffsetDateTime.parse((String) row[2])
                                        .atZoneSameInstant(clock.zone())
                                        .toLocalDate();
                                long active = (Long) row[3];
                                if (inspectedOn.isBefore(r.servedOn())) {
                                    return Mono.error(ApiException.conflict(
                                            "record-before-order",
                                            "record " + body.recordId()
                                                    + " was inspected on " + inspectedOn
                                                    + ", before the order was served on "
                                                    + r.servedOn()));
                                }
                                boolean completeClaimed = body.result() == RectificationRequests.Result.COMPLETE;
                                if (completeClaimed && active > 0) {
                                    return Mono.error(ApiException.conflict(
                                            "violation-continuing",
                                            "record " + body.recordId() + " still holds an active " + r.violationType()
                                                    + " finding"));
                                }
                                if (!completeClaimed && active == 0) {
                                    return Mono.error(ApiException.conflict(
                                            "violation-not-found",
                                            "record " + body.recordId() + " holds no active " + r.violationType()
                                                    + " finding"));
                                }
                                return record(r, body, inspectedOn, caller);
                            });
                })
                .as(tx::transactional);
    }

    private Mono<UUID> record(Locked r, RectificationRequests.Verification body, LocalDate inspectedOn, Caller caller) {
        OffsetDateTime now = clock.now();
        boolean complete = body.result() == RectificationRequests.Result.COMPLETE;
        boolean onTime = !inspectedOn.isAfter(r.deadline());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recordId", body.recordId().toString());
        details.put("result", body.result().name());
        details.put("inspectedOn", inspectedOn.toString());
        Mono<Void> insert = db.sql("""
                        INSERT INTO rectification_verification (id, rectification_id, record_id, result, inspected_on,
                            verified_by, verified_at)
                        VALUES (:id, :rectification, :record, :result, :on, :by, :at)""")
                .bind("id", UUID.randomUUID())
                .bind("rectification", r.id())
                .bind("record", body.recordId())
                .bind("result", body.result().name())
                .bind("on", inspectedOn)
                .bind("by", caller.subject())
                .bind("at", now)
                .then()
                .onErrorMap(
                        DataIntegrityViolationException.class,
                        e -> ApiException.conflict(
                                "record-already-used",
                                "record " + body.recordId() + " already verified this rectification"));
        if (!complete) {
            return insert.then(audit.record("rectification.verify", RESOURCE, r.id().toString(), details))
                    .thenReturn(r.id());
        }
        return insert.then(db.sql("""
                                UPDATE rectification SET status = 'VERIFIED_COMPLETE', verified_record_id = :record,
                                    verified_by = :by, verified_at = :at, on_time = :onTime, updated_at = now()
                                WHERE id = :id AND status = ANY(:from)""")
                        .bind("from", RectificationStatus.sourcesOf(RectificationStatus.VERIFIED_COMPLETE))
                        .bind("record", body.recordId())
                        .bind("by", caller.subject())
                        .bind("at", now)
                        .bind("onTime", onTime)
                        .bind("id", r.id())
                        .fetch()
                        .rowsUpdated())
                .flatMap(n -> n == 1 ? Mono.<Void>empty() : Mono.error(complete(r.id())))
                .then(audit.record("rectification.verify", RESOURCE, r.id().toString(), details))
                .then(cases.emit(
                        r.caseId(),
                        RectificationCompleted.TYPE,
                        ref -> new RectificationCompleted(
                                ref, r.id(), r.deadline(), body.recordId(), onTime, caller.subject(), now)))
                .thenReturn(r.id());
    }

    /**
     * Escalates every rectification whose deadline lies before {@code today} and that is not verified: status
     * ESCALATED, RectificationOverdue once (the status change guards against a second event), escalated one level
     * above the bureau that opened the case. Each rectification is its own transaction; rows another instance is
     * escalating are skipped. Emits how many were escalated.
     */
    Mono<Integer> detectOverdue(LocalDate today) {
        return db.sql("""
                        SELECT id FROM rectification WHERE status = ANY(:from) AND deadline < :today
                        ORDER BY deadline, id LIMIT :batch""")
                .bind("from", RectificationStatus.sourcesOf(RectificationStatus.ESCALATED))
                .bind("today", today)
                .bind("batch", properties.overdueBatch())
                .map(row -> row.get("id", UUID.class))
                .all()
                .concatMap(id -> escalate(id, today).as(tx::transactional))
                .reduce(0, (n, escalated) -> escalated ? n + 1 : n);
    }

    private Mono<Boolean> escalate(UUID id, LocalDate today) {
        return db.sql("""
                        SELECT r.case_id, r.deadline, c.handling_division FROM rectification r
                        JOIN enforcement_case c ON c.id = r.case_id
                        WHERE r.id = :id AND r.status = ANY(:from) AND r.deadline < :today
                        FOR UPDATE OF r SKIP LOCKED""")
                .bind("from", RectificationStatus.sourcesOf(RectificationStatus.ESCALATED))
                .bind("id", id)
                .bind("today", today)
                .map(row -> new Object[] {
                    row.get("case_id", UUID.class),
                    row.get("deadline", LocalDate.class),
                    row.get("handling_division", String.class)
                })
                .one()
                .flatMap(row -> {
                    UUID caseId = (UUID) row[0];
                    LocalDate deadline = (LocalDate) row[1];
                    String to = escalationTarget(DivisionCode.of((String) row[2]));
                    OffsetDateTime now = clock.now();
                    return db.sql("""
                                    UPDATE rectification SET status = 'ESCALATED', overdue_at = :at, escalated_to = :to,
                                        updated_at = now() WHERE id = :id""")
                            .bind("at", now)
                            .bind("to", to)
                            .bind("id", id)
                            .then()
                            .then(audit.recordAsSystem(
                                    "rectification.overdue",
                                    RESOURCE,
                                    id.toString(),
                                    Map.of(
                                            "deadline",
                                            deadline.toString(),
                                            "escalatedTo",
                                            to,
                                            "detectedOn",
                                            today.toString())))
                            .then(cases.emit(
                                    caseId,
                                    RectificationOverdue.TYPE,
                                    ref -> new RectificationOverdue(ref, id, deadline, to, now)))
                            .thenReturn(true);
                })
                .defaultIfEmpty(false);
    }

    /** A county's case goes to its city; a city's (and the province's own) to the province. */
    static String escalationTarget(DivisionCode handling) {
        return switch (handling.level()) {
            case COUNTY -> handling.cityCode().value();
            case CITY, PROVINCE -> handling.provinceCode().value();
        };
    }

    private Mono<Locked> lock(UUID id, Caller caller) {
        return db.sql("""
                        SELECT r.id, r.case_id, r.status, r.served_on, r.deadline, c.permit_number, c.violation_type,
                               c.status AS case_status
                        FROM rectification r JOIN enforcement_case c ON c.id = r.case_id
                        WHERE r.id = :id AND c.division_code LIKE :scope FOR UPDATE OF r""")
                .bind("id", id)
                .bind("scope", caller.division().likePattern())
                .map(row -> new Locked(
                        row.get("id", UUID.class),
                        row.get("case_id", UUID.class),
                        row.get("status", String.class),
                        row.get("served_on", LocalDate.class),
                        row.get("deadline", LocalDate.class),
                        row.get("permit_number", String.class),
                        row.get("violation_type", String.class),
                        row.get("case_status", String.class)))
                .one()
                .switchIfEmpty(Mono.error(() ->
                        ApiException.notFound("rectification-not-found", "no rectification " + id + " in your scope")));
    }

    private static ApiException complete(UUID id) {
        return ApiException.conflict("rectification-complete", "rectification " + id + " is already verified complete");
    }
}
