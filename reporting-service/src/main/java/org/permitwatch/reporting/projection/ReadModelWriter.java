package org.permitwatch.reporting.projection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.enforcement.AlertChanged;
import org.permitwatch.events.enforcement.CaseClosed;
import org.permitwatch.events.enforcement.CaseOpened;
import org.permitwatch.events.enforcement.CaseRef;
import org.permitwatch.events.enforcement.PenaltyDecided;
import org.permitwatch.events.enforcement.RectificationCompleted;
import org.permitwatch.events.enforcement.RectificationOrdered;
import org.permitwatch.events.enforcement.RectificationOverdue;
import org.permitwatch.events.inspection.DrawCompleted;
import org.permitwatch.events.inspection.DrawPublished;
import org.permitwatch.events.inspection.FindingRecorded;
import org.permitwatch.events.inspection.InspectionSubmitted;
import org.permitwatch.events.inspection.PlanPublished;
import org.permitwatch.events.inspection.TaskAssigned;
import org.permitwatch.events.liaison.SubmissionRecorded;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one event's facts into the read-model tables. Every statement is an upsert whose outcome does not depend
 * on arrival order (a version, a status rank, or a column only that event type fills), so replaying the topics from
 * their start rebuilds identical tables. Personal data in the events (submitters, inspectors, deciders) is dropped.
 * Called inside {@code IdempotentConsumer.handleOnce}, i.e. in the transaction of the processed_event marker.
 */
@Component
class ReadModelWriter {

    /** Every read-model table, truncated together by a rebuild. */
    static final List<String> TABLES = List.of(
            "rm_unit",
            "rm_inspection",
            "rm_finding",
            "rm_case",
            "rm_penalty",
            "rm_rectification",
            "rm_alert",
            "rm_task",
            "rm_plan",
            "rm_draw_unit",
            "rm_draw",
            "rm_submission");

    private final DatabaseClient db;
    private final JsonMapper json;
    private final TransactionalOperator tx;

    ReadModelWriter(DatabaseClient db, JsonMapper json, ReactiveTransactionManager transactions) {
        this.db = db;
        this.json = json;
        this.tx = WholeTransactions.create(transactions);
    }

    /** Empties every read model and forgets which events the consumer applied, in one transaction. */
    Mono<Void> truncateAll(String consumer) {
        return tx.transactional(db.sql("TRUNCATE " + String.join(", ", TABLES))
                .then()
                .then(db.sql("DELETE FROM processed_event WHERE consumer = :consumer")
                        .bind("consumer", consumer)
                        .then()));
    }

    Mono<Void> unit(DirectoryUnitSnapshot u) {
        require(u.permitNo() != null && !u.permitNo().isBlank(), "permitNo is required");
        require(u.unitName() != null, "unitName is required");
        requireDivisions(u.cityCode(), u.countyCode());
        return exec(
                """
                INSERT INTO rm_unit (permit_number, unit_name, province_code, city_code, county_code, industry_code,
                                     industry_name, key_industry, management_category, status, version, changed_at)
                VALUES (:permit, :name, :province, :city, :county, :industryCode, :industryName, :keyIndustry,
                        :category, :status, :version, :changedAt)
                ON CONFLICT (permit_number) DO UPDATE SET
                    unit_name = EXCLUDED.unit_name, province_code = EXCLUDED.province_code,
                    city_code = EXCLUDED.city_code, county_code = EXCLUDED.county_code,
                    industry_code = EXCLUDED.industry_code, industry_name = EXCLUDED.industry_name,
                    key_industry = EXCLUDED.key_industry, management_category = EXCLUDED.management_category,
                    status = EXCLUDED.status, version = EXCLUDED.version, changed_at = EXCLUDED.changed_at
                WHERE (EXCLUDED.version, coalesce(EXCLUDED.changed_at, '-infinity'))
                      > (rm_unit.version, coalesce(rm_unit.changed_at, '-infinity'))
                """,
                new Params()
                        .put("permit", u.permitNo(), String.class)
                        .put("name", u.unitName(), String.class)
                        .put(
                                "province",
                                u.provinceCode() == null ? u.countyCode().substring(0, 2) + "0000" : u.provinceCode(),
                                String.class)
                        .put("city", u.cityCode(), String.class)
                        .put("county", u.countyCode(), String.class)
                        .put("industryCode", u.industryCode(), String.class)
                        .put("industryName", u.industryName(), String.class)
                        .put("keyIndustry", orOther(u.keyIndustry()), String.class)
                        .put("category", nonNull(u.managementCategory(), "UNKNOWN"), String.class)
                        .put("status", nonNull(u.status(), "UNKNOWN"), String.class)
                        .put("version", u.version(), Long.class)
                        .put("changedAt", u.changedAt(), OffsetDateTime.class));
    }

    /** @param traceId the trace of the submitting request (the event's traceparent), null when it carries none */
    Mono<Void> inspection(InspectionSubmitted r, String traceId) {
        require(r.recordId() != null && r.permitNumber() != null, "recordId and permitNumber are required");
        require(r.inspectedAt() != null && r.submittedAt() != null, "inspectedAt and submittedAt are required");
        requireDivisions(r.cityCode(), r.countyCode());
        return exec(
                """
                INSERT INTO rm_inspection (record_id, version, task_id, permit_number, unit_name, city_code, county_code,
                                           key_industry, inspected_at, submitted_at, compliant, non_compliant,
                                           not_applicable, not_checked, exceedances, trace_id)
                VALUES (:id, :version, :task, :permit, :name, :city, :county, :industry, :inspectedAt, :submittedAt,
                        :compliant, :nonCompliant, :notApplicable, :notChecked, :exceedances, :traceId)
                ON CONFLICT (record_id) DO UPDATE SET
                    version = EXCLUDED.version, task_id = EXCLUDED.task_id, permit_number = EXCLUDED.permit_number,
                    unit_name = EXCLUDED.unit_name, city_code = EXCLUDED.city_code, county_code = EXCLUDED.county_code,
                    key_industry = EXCLUDED.key_industry, inspected_at = EXCLUDED.inspected_at,
                    submitted_at = EXCLUDED.submitted_at, compliant = EXCLUDED.compliant,
                    non_compliant = EXCLUDED.non_compliant, not_applicable = EXCLUDED.not_applicable,
                    not_checked = EXCLUDED.not_checked, exceedances = EXCLUDED.exceedances,
                    trace_id = EXCLUDED.trace_id
                WHERE rm_inspection.version < EXCLUDED.version
                """,
                new Params()
                        .put("id", r.recordId(), UUID.class)
                        .put("version", r.version(), Integer.class)
                        .put("task", r.taskId(), UUID.class)
                        .put("permit", r.permitNumber(), String.class)
                        .put("name", nonNull(r.unitName(), r.permitNumber()), String.class)
                        .put("city", r.cityCode(), String.class)
                        .put("county", r.countyCode(), String.class)
                        .put("industry", orOther(r.keyIndustry()), String.class)
                        .put("inspectedAt", r.inspectedAt(), OffsetDateTime.class)
                        .put("submittedAt", r.submittedAt(), OffsetDateTime.class)
                        .put("compliant", r.compliant(), Integer.class)
                        .put("nonCompliant", r.nonCompliant(), Integer.class)
                        .put("notApplicable", r.notApplicable(), Integer.class)
                        .put("notChecked", r.notChecked(), Integer.class)
                        .put("exceedances", r.exceedances(), Integer.class)
                        .put("traceId", traceId, String.class));
    }

    /** @param traceId the trace of the request that recorded the finding (the event's traceparent), or null */
    Mono<Void> finding(FindingRecorded f, String traceId) {
        require(f.findingId() != null && f.recordId() != null, "findingId and recordId are required");
        require("ACTIVE".equals(f.status()) || "SUPERSEDED".equals(f.status()), "status must be ACTIVE or SUPERSEDED");
        require(f.violationType() != null, "violationType is required");
        require(f.inspectedAt() != null && f.recordedAt() != null, "inspectedAt and recordedAt are required");
        requireDivisions(f.cityCode(), f.countyCode());
        return exec(
                """
                INSERT INTO rm_finding (finding_id, status, status_rank, record_id, record_version, permit_number,
                                        unit_name, city_code, county_code, key_industry, item_no, violation_type,
                                        article, inspected_at, recorded_at, continues_case_id, trace_id)
                VALUES (:id, :status, :rank, :record, :recordVersion, :permit, :name, :city, :county, :industry,
                        :itemNo, :type, :article, :inspectedAt, :recordedAt, :continues, :traceId)
                ON CONFLICT (finding_id) DO UPDATE SET
                    status = EXCLUDED.status, status_rank = EXCLUDED.status_rank, record_id = EXCLUDED.record_id,
                    record_version = EXCLUDED.record_version, permit_number = EXCLUDED.permit_number,
                    unit_name = EXCLUDED.unit_name, city_code = EXCLUDED.city_code, county_code = EXCLUDED.county_code,
                    key_industry = EXCLUDED.key_industry, item_no = EXCLUDED.item_no,
                    violation_type = EXCLUDED.violation_type, article = EXCLUDED.article,
                    inspected_at = EXCLUDED.inspected_at, recorded_at = EXCLUDED.recorded_at,
                    continues_case_id = EXCLUDED.continues_case_id, trace_id = EXCLUDED.trace_id
                WHERE (EXCLUDED.status_rank, EXCLUDED.record_version, EXCLUDED.recorded_at)
                      > (rm_finding.status_rank, rm_finding.record_version, rm_finding.recorded_at)
                """,
                new Params()
                        .put("id", f.findingId(), UUID.class)
                        .put("status", f.status(), String.class)
                        .put("rank", (short) ("SUPERSEDED".equals(f.status()) ? 1 : 0), Short.class)
                        .put("record", f.recordId(), UUID.class)
                        .put("recordVersion", f.recordVersion(), Integer.class)
                        .put("permit", f.permitNumber(), String.class)
                        .put("name", nonNull(f.unitName(), f.permitNumber()), String.class)
                        .put("city", f.cityCode(), String.class)
                        .put("county", f.countyCode(), String.class)
                        .put("industry", orOther(f.keyIndustry()), String.class)
                        .put("itemNo", f.itemNo(), Integer.class)
                        .put("type", f.violationType(), String.class)
                        .put("article", f.article(), String.class)
                        .put("inspectedAt", f.inspectedAt(), OffsetDateTime.class)
                        .put("recordedAt", f.recordedAt(), OffsetDateTime.class)
                        // absent from events published before issue 12.5: null, i.e. a new violation
                        .put("continues", f.continuesCaseId(), UUID.class)
                        .put("traceId", traceId, String.class));
    }

    Mono<Void> caseOpened(CaseOpened e) {
        return caseRef(e.ref())
                .then(exec(
                        """
                UPDATE rm_case SET origin = :origin, finding_id = :finding, alert_id = :alert, record_id = :record,
                                   task_id = :task, opened_at = :openedAt
                WHERE case_id = :id
                """,
                        new Params()
                                .put("id", e.ref().caseId(), UUID.class)
                                .put("origin", e.origin(), String.class)
                                .put("finding", e.findingId(), UUID.class)
                                .put("alert", e.alertId(), UUID.class)
                                .put("record", e.recordId(), UUID.class)
                                .put("task", e.taskId(), UUID.class)
                                .put("openedAt", e.openedAt(), OffsetDateTime.class)));
    }

    Mono<Void> caseClosed(CaseClosed e) {
        return caseRef(e.ref())
                .then(exec(
                        """
                UPDATE rm_case SET closed_at = :closedAt, total_fine_yuan = :total, penalized = :penalized
                WHERE case_id = :id
                """,
                        new Params()
                                .put("id", e.ref().caseId(), UUID.class)
                                .put("closedAt", e.closedAt(), OffsetDateTime.class)
                                .put("total", e.totalFineYuan(), BigDecimal.class)
                                .put("penalized", e.penalized(), Boolean.class)));
    }

    Mono<Void> penalty(PenaltyDecided e) {
        require(
                e.decisionId() != null && e.kind() != null && e.decidedAt() != null,
                "decisionId, kind and decidedAt are required");
        require(e.amountYuan() == null || e.amountYuan().signum() >= 0, "amountYuan must not be negative");
        CaseRef ref = e.ref();
        return caseRef(ref)
                .then(exec(
                        """
                INSERT INTO rm_penalty (decision_id, case_id, kind, no_penalty_rule, amount_yuan, days, from_date,
                                        to_date, decided_at, permit_number, city_code, county_code, key_industry,
                                        violation_type)
                VALUES (:id, :caseId, :kind, :rule, :amount, :days, :fromDate, :toDate, :decidedAt, :permit, :city,
                        :county, :industry, :type)
                ON CONFLICT (decision_id) DO NOTHING
                """,
                        new Params()
                                .put("id", e.decisionId(), UUID.class)
                                .put("caseId", ref.caseId(), UUID.class)
                                .put("kind", e.kind(), String.class)
                                .put("rule", e.noPenaltyRule(), String.class)
                                .put(
                                        "amount",
                                        e.amountYuan() == null ? BigDecimal.ZERO : e.amountYuan(),
                                        BigDecimal.class)
                                .put("days", e.days(), Integer.class)
                                .put("fromDate", e.fromDate(), LocalDate.class)
                                .put("toDate", e.toDate(), LocalDate.class)
                                .put("decidedAt", e.decidedAt(), OffsetDateTime.class)
                                .put("permit", ref.permitNumber(), String.class)
                                .put("city", ref.cityCode(), String.class)
                                .put("county", ref.countyCode(), String.class)
                                .put("industry", orOther(ref.keyIndustry()), String.class)
                                .put("type", ref.violationType(), String.class)));
    }

    Mono<Void> rectificationOrdered(RectificationOrdered e) {
        require(e.rectificationId() != null, "rectificationId is required");
        return caseRef(e.ref())
                .then(rectification(
                        e.ref(),
                        e.rectificationId(),
                        """
                ordered_on = EXCLUDED.ordered_on, deadline = EXCLUDED.deadline""",
                        "ordered_on, deadline",
                        ":orderedOn, :deadline",
                        new Params()
                                .put("orderedOn", e.orderedOn(), LocalDate.class)
                                .put("deadline", e.deadline(), LocalDate.class)));
    }

    Mono<Void> rectificationOverdue(RectificationOverdue e) {
        require(e.rectificationId() != null, "rectificationId is required");
        return caseRef(e.ref())
                .then(rectification(
                        e.ref(),
                        e.rectificationId(),
                        """
                overdue_at = EXCLUDED.overdue_at, escalated_to = EXCLUDED.escalated_to,
                deadline = coalesce(rm_rectification.deadline, EXCLUDED.deadline)""",
                        "overdue_at, escalated_to, deadline",
                        ":overdueAt, :escalatedTo, :deadline",
                        new Params()
                                .put("overdueAt", e.detectedAt(), OffsetDateTime.class)
                                .put("escalatedTo", e.escalatedTo(), String.class)
                                .put("deadline", e.deadline(), LocalDate.class)));
    }

    Mono<Void> rectificationCompleted(RectificationCompleted e) {
        require(e.rectificationId() != null && e.verifiedAt() != null, "rectificationId and verifiedAt are required");
        return caseRef(e.ref())
                .then(rectification(
                        e.ref(),
                        e.rectificationId(),
                        """
                completed_at = EXCLUDED.completed_at, completed_on_time = EXCLUDED.completed_on_time,
                deadline = coalesce(rm_rectification.deadline, EXCLUDED.deadline)""",
                        "completed_at, completed_on_time, deadline",
                        ":completedAt, :onTime, :deadline",
                        new Params()
                                .put("completedAt", e.verifiedAt(), OffsetDateTime.class)
                                .put("onTime", e.onTime(), Boolean.class)
                                .put("deadline", e.deadline(), LocalDate.class)));
    }

    private Mono<Void> rectification(
            CaseRef ref, UUID id, String updates, String columns, String values, Params params) {
        String sql = "INSERT INTO rm_rectification (rectification_id, case_id, permit_number, city_code, county_code, "
                + "key_industry, violation_type, " + columns + ") VALUES (:id, :caseId, :permit, :city, :county, "
                + ":industry, :type, " + values + ") ON CONFLICT (rectification_id) DO UPDATE SET " + updates;
        return exec(
                sql,
                params.put("id", id, UUID.class)
                        .put("caseId", ref.caseId(), UUID.class)
                        .put("permit", ref.permitNumber(), String.class)
                        .put("city", ref.cityCode(), String.class)
                        .put("county", ref.countyCode(), String.class)
                        .put("industry", orOther(ref.keyIndustry()), String.class)
                        .put("type", ref.violationType(), String.class));
    }

    /** The case's identity and classification as of its highest caseVersion. */
    private Mono<Void> caseRef(CaseRef ref) {
        require(
                ref != null && ref.caseId() != null && ref.permitNumber() != null,
                "ref with caseId and permitNumber is required");
        requireDivisions(ref.cityCode(), ref.countyCode());
        return exec(
                """
                INSERT INTO rm_case (case_id, case_no, case_version, permit_number, unit_name, city_code, county_code,
                                     key_industry, violation_type, article)
                VALUES (:id, :no, :version, :permit, :name, :city, :county, :industry, :type, :article)
                ON CONFLICT (case_id) DO UPDATE SET
                    case_no = EXCLUDED.case_no, case_version = EXCLUDED.case_version,
                    permit_number = EXCLUDED.permit_number, unit_name = EXCLUDED.unit_name,
                    city_code = EXCLUDED.city_code, county_code = EXCLUDED.county_code,
                    key_industry = EXCLUDED.key_industry, violation_type = EXCLUDED.violation_type,
                    article = EXCLUDED.article
                WHERE rm_case.case_version < EXCLUDED.case_version
                """,
                new Params()
                        .put("id", ref.caseId(), UUID.class)
                        .put("no", ref.caseNo(), String.class)
                        .put("version", ref.caseVersion(), Long.class)
                        .put("permit", ref.permitNumber(), String.class)
                        .put("name", nonNull(ref.unitName(), ref.permitNumber()), String.class)
                        .put("city", ref.cityCode(), String.class)
                        .put("county", ref.countyCode(), String.class)
                        .put("industry", orOther(ref.keyIndustry()), String.class)
                        .put("type", ref.violationType(), String.class)
                        .put("article", ref.article(), String.class));
    }

    Mono<Void> alert(AlertChanged a) {
        require(
                a.alertId() != null && a.permitNumber() != null && a.changedAt() != null,
                "alertId, permitNumber and changedAt are required");
        requireDivisions(a.cityCode(), a.countyCode());
        return exec(
                """
                INSERT INTO rm_alert (alert_id, rule, status, permit_number, unit_name, city_code, county_code,
                                      key_industry, violation_type, task_id, case_id, raised_at, changed_at, source,
                                      pollutant_code)
                VALUES (:id, :rule, :status, :permit, :name, :city, :county, :industry, :type, :task, :caseId,
                        :raisedAt, :changedAt, :source, :pollutant)
                ON CONFLICT (alert_id) DO UPDATE SET
                    source = EXCLUDED.source, pollutant_code = EXCLUDED.pollutant_code,
                    rule = EXCLUDED.rule, status = EXCLUDED.status, permit_number = EXCLUDED.permit_number,
                    unit_name = EXCLUDED.unit_name, city_code = EXCLUDED.city_code, county_code = EXCLUDED.county_code,
                    key_industry = EXCLUDED.key_industry, violation_type = EXCLUDED.violation_type,
                    task_id = EXCLUDED.task_id, case_id = EXCLUDED.case_id, raised_at = EXCLUDED.raised_at,
                    changed_at = EXCLUDED.changed_at
                WHERE (EXCLUDED.changed_at, EXCLUDED.status) > (rm_alert.changed_at, rm_alert.status)
                """,
                new Params()
                        .put("id", a.alertId(), UUID.class)
                        .put("rule", nonNull(a.rule(), "UNKNOWN"), String.class)
                        .put("status", nonNull(a.status(), "OPEN"), String.class)
                        .put("permit", a.permitNumber(), String.class)
                        .put("name", a.unitName(), String.class)
                        .put("city", a.cityCode(), String.class)
                        .put("county", a.countyCode(), String.class)
                        .put("industry", a.keyIndustry(), String.class)
                        .put("type", a.violationType(), String.class)
                        .put("task", a.taskId(), UUID.class)
                        .put("caseId", a.caseId(), UUID.class)
                        .put("raisedAt", a.raisedAt(), OffsetDateTime.class)
                        .put("changedAt", a.changedAt(), OffsetDateTime.class)
                        .put("source", a.sourceOrDefault(), String.class)
                        .put("pollutant", a.pollutantCode(), String.class));
    }

    Mono<Void> task(TaskAssigned t) {
        require(t.taskId() != null && t.permitNumber() != null, "taskId and permitNumber are required");
        require(t.periodMonth() != null && t.periodMonth().matches("\\d{4}-\\d{2}"), "periodMonth must be yyyy-MM");
        requireDivisions(t.cityCode(), t.divisionCode());
        List<String> departments = t.departments() == null
                ? List.of()
                : t.departments().stream().sorted().toList();
        return exec(
                """
                INSERT INTO rm_task (task_id, permit_number, county_code, city_code, origin, draw_id, plan_id, method,
                                     due_date, period_month, departments)
                VALUES (:id, :permit, :county, :city, :origin, :draw, :plan, :method, :due, :period, :departments)
                ON CONFLICT (task_id) DO UPDATE SET departments = EXCLUDED.departments
                WHERE cardinality(rm_task.departments) < cardinality(EXCLUDED.departments)
                """,
                new Params()
                        .put("id", t.taskId(), UUID.class)
                        .put("permit", t.permitNumber(), String.class)
                        .put("county", t.divisionCode(), String.class)
                        .put("city", t.cityCode(), String.class)
                        .put("origin", nonNull(t.origin(), "MANUAL"), String.class)
                        .put("draw", t.drawId(), UUID.class)
                        .put("plan", t.planId(), UUID.class)
                        .put("method", t.method(), String.class)
                        .put("due", t.dueDate(), LocalDate.class)
                        .put("period", t.periodMonth(), String.class)
                        .put("departments", departments.toArray(String[]::new), String[].class));
    }

    Mono<Void> plan(PlanPublished p) {
        require(p.planId() != null && p.publishedAt() != null, "planId and publishedAt are required");
        require(DivisionCode.isValid(p.cityCode()), "cityCode must be a 6-digit division code");
        if (p.countyPlan()) {
            // 附件3 is the city's plan table (rm_plan keeps the latest per city and year): a county branch's plan
            // inside it must not replace it. County plans are read in inspection-service (ADR 0013).
            return Mono.empty();
        }
        return exec(
                """
                INSERT INTO rm_plan (plan_id, city_code, year, title, start_month, published_at, rows)
                VALUES (:id, :city, :year, :title, :startMonth, :publishedAt, CAST(:rows AS jsonb))
                ON CONFLICT (plan_id) DO UPDATE SET
                    city_code = EXCLUDED.city_code, year = EXCLUDED.year, title = EXCLUDED.title,
                    start_month = EXCLUDED.start_month, published_at = EXCLUDED.published_at, rows = EXCLUDED.rows
                WHERE rm_plan.published_at < EXCLUDED.published_at
                """,
                new Params()
                        .put("id", p.planId(), UUID.class)
                        .put("city", p.cityCode(), String.class)
                        .put("year", p.year(), Integer.class)
                        .put("title", p.title(), String.class)
                        .put("startMonth", p.startMonth(), Integer.class)
                        .put("publishedAt", p.publishedAt(), OffsetDateTime.class)
                        .put("rows", json.writeValueAsString(p.rows()), String.class));
    }

    Mono<Void> drawCompleted(DrawCompleted d) {
        require(d.drawId() != null && d.periodMonth() != null, "drawId and periodMonth are required");
        require(DivisionCode.isValid(d.cityCode()), "cityCode must be a 6-digit division code");
        return exec(
                """
                INSERT INTO rm_draw (draw_id, plan_id, city_code, period_month, seed_hash, seed, completed_at)
                VALUES (:id, :plan, :city, :period, :seedHash, :seed, :completedAt)
                ON CONFLICT (draw_id) DO UPDATE SET completed_at = EXCLUDED.completed_at,
                    plan_id = coalesce(rm_draw.plan_id, EXCLUDED.plan_id)
                """,
                new Params()
                        .put("id", d.drawId(), UUID.class)
                        .put("plan", d.planId(), UUID.class)
                        .put("city", d.cityCode(), String.class)
                        .put("period", d.periodMonth(), String.class)
                        .put("seedHash", d.seedHash(), String.class)
                        .put("seed", d.seed(), String.class)
                        .put("completedAt", d.completedAt(), OffsetDateTime.class));
    }

    /** The published draw's attributes win over the completed one's; its unit list replaces any earlier one. */
    Mono<Void> drawPublished(DrawPublished d) {
        require(
                d.drawId() != null && d.periodMonth() != null && d.publishedAt() != null,
                "drawId, periodMonth and publishedAt are required");
        require(DivisionCode.isValid(d.cityCode()), "cityCode must be a 6-digit division code");
        for (DrawPublished.Unit u : d.units()) {
            require(u.permitNumber() != null && u.unitName() != null, "every unit needs permitNumber and unitName");
        }
        Mono<Void> draw = exec(
                """
                INSERT INTO rm_draw (draw_id, plan_id, city_code, period_month, key_industry, seed_hash, seed,
                                     published_at)
                VALUES (:id, :plan, :city, :period, :industry, :seedHash, :seed, :publishedAt)
                ON CONFLICT (draw_id) DO UPDATE SET plan_id = EXCLUDED.plan_id, city_code = EXCLUDED.city_code,
                    period_month = EXCLUDED.period_month, key_industry = EXCLUDED.key_industry,
                    seed_hash = EXCLUDED.seed_hash, seed = EXCLUDED.seed, published_at = EXCLUDED.published_at
                """,
                new Params()
                        .put("id", d.drawId(), UUID.class)
                        .put("plan", d.planId(), UUID.class)
                        .put("city", d.cityCode(), String.class)
                        .put("period", d.periodMonth(), String.class)
                        .put("industry", d.keyIndustry(), String.class)
                        .put("seedHash", d.seedHash(), String.class)
                        .put("seed", d.seed(), String.class)
                        .put("publishedAt", d.publishedAt(), OffsetDateTime.class));
        Mono<Void> clear = db.sql("DELETE FROM rm_draw_unit WHERE draw_id = :id")
                .bind("id", d.drawId())
                .then();
        int n = d.units().size();
        Integer[] seq = new Integer[n];
        String[] permits = new String[n];
        String[] names = new String[n];
        String[] counties = new String[n];
        String[] strata = new String[n];
        for (int i = 0; i < n; i++) {
            DrawPublished.Unit u = d.units().get(i);
            seq[i] = i + 1;
            permits[i] = u.permitNumber();
            names[i] = u.unitName();
            counties[i] = u.countyCode();
            strata[i] = u.stratum();
        }
        Mono<Void> units = n == 0
                ? Mono.empty()
                : db.sql("""
                        INSERT INTO rm_draw_unit (draw_id, seq, permit_number, unit_name, county_code, stratum)
                        SELECT :id, u.seq, u.permit, u.name, u.county, u.stratum
                        FROM unnest(CAST(:seq AS integer[]), CAST(:permits AS text[]), CAST(:names AS text[]),
                                    CAST(:counties AS text[]), CAST(:strata AS text[]))
                             AS u(seq, permit, name, county, stratum)
                        """)
                        .bind("id", d.drawId())
                        .bind("seq", seq)
                        .bind("permits", permits)
                        .bind("names", names)
                        .bind("counties", counties)
                        .bind("strata", strata)
                        .then();
        return draw.then(clear).then(units);
    }

    Mono<Void> submission(SubmissionRecorded s) {
        require(
                s.submissionId() != null && s.obligationId() != null && s.period() != null && s.submittedAt() != null,
                "submissionId, obligationId, period and submittedAt are required");
        require(DivisionCode.isValid(s.cityCode()), "cityCode must be a 6-digit division code");
        return exec(
                """
                INSERT INTO rm_submission (submission_key, submission_id, obligation_id, obligation_code, city_code,
                                           period, due_date, status, submitted_at)
                VALUES (:key, :id, :obligation, :code, :city, :period, :due, :status, :submittedAt)
                ON CONFLICT (submission_key) DO UPDATE SET
                    submission_id = EXCLUDED.submission_id, obligation_code = EXCLUDED.obligation_code,
                    due_date = EXCLUDED.due_date, status = EXCLUDED.status, submitted_at = EXCLUDED.submitted_at
                WHERE (EXCLUDED.submitted_at, EXCLUDED.submission_id) > (rm_submission.submitted_at, rm_submission.submission_id)
                """,
                new Params()
                        .put("key", s.obligationId() + ":" + s.cityCode() + ":" + s.period(), String.class)
                        .put("id", s.submissionId(), UUID.class)
                        .put("obligation", s.obligationId(), UUID.class)
                        .put("code", nonNull(s.obligationCode(), "UNKNOWN"), String.class)
                        .put("city", s.cityCode(), String.class)
                        .put("period", s.period(), String.class)
                        .put("due", s.dueDate(), LocalDate.class)
                        .put("status", nonNull(s.status(), "ON_TIME"), String.class)
                        .put("submittedAt", s.submittedAt(), OffsetDateTime.class));
    }

    private Mono<Void> exec(String sql, Params params) {
        return params.bindTo(db.sql(sql)).then();
    }

    private static String orOther(String keyIndustry) {
        return keyIndustry == null || keyIndustry.isBlank() ? "OTHER" : keyIndustry;
    }

    private static String nonNull(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static void requireDivisions(String city, String county) {
        require(
                DivisionCode.isValid(city) && DivisionCode.isValid(county),
                "cityCode and countyCode must be 6-digit division codes");
    }

    /** An event that cannot be stored is a poison record: IllegalArgumentException skips the retries and goes to the DLT. */
    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("unusable event: " + message);
        }
    }
}
