package org.permitwatch.inspection.interview;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.inspection.cases.CaseAccess;
import org.permitwatch.inspection.cases.CaseRow;
import org.permitwatch.inspection.record.RecordScope;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records interviews (调查询问) of a case: one transaction locks the case in the caller's division, copies the officers
 * from the inspector directory of the case's city, stores the interview and writes the audit row. Reads follow the
 * case's scope (as its documents); the interviewee's name and ID number are masked without pii:read.
 */
@Service
class InterviewService {

    private static final TypeReference<List<InterviewViews.Officer>> OFFICERS = new TypeReference<>() {};
    private static final TypeReference<List<InterviewViews.QuestionAnswer>> QUESTIONS = new TypeReference<>() {};

    private static final String COLUMNS = """
            i.id, i.case_id, i.interviewee_name, i.interviewee_id_no, i.interviewee_role, i.place, i.started_at,
            i.ended_at, i.officers::text AS officers, i.questions::text AS questions, i.confirmation, i.recorded_by,
            i.recorded_at""";

    private final DatabaseClient db;
    private final CaseAccess cases;
    private final AuditLog audit;
    private final JsonMapper json;
    private final BureauClock clock;
    private final TransactionalOperator tx;

    InterviewService(
            DatabaseClient db,
            CaseAccess cases,
            AuditLog audit,
            JsonMapper json,
            BureauClock clock,
            ReactiveTransactionManager transactions) {
        this.db = db;
        this.cases = cases;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.tx = WholeTransactions.create(transactions);
    }

    Mono<InterviewViews.Interview> record(UUID caseId, InterviewViews.InterviewRequest body, Caller caller) {
        CaseAccess.requireBureau(caller);
        InterviewRules.check(body);
        UUID id = UUID.randomUUID();
        Mono<InterviewViews.Interview> work = cases.lockInScope(caseId, caller)
                .flatMap(c -> officers(c, body.officerIds()).flatMap(officers -> insert(id, c, body, officers, caller)))
                .then(Mono.defer(() -> one(id)));
        return tx.transactional(work).map(view -> view.forCaller(caller));
    }

    /** The officers from the directory of the case's city, in the order given; 400 naming any that is not there. */
    private Mono<List<InterviewViews.Officer>> officers(CaseRow c, List<UUID> ids) {
        return db.sql("""
                        SELECT id, name, certificate_no FROM inspector
                        WHERE id = ANY(:ids) AND substr(division_code, 1, 4) = substr(:city, 1, 4)""")
                .bind("ids", ids.toArray(new UUID[0]))
                .bind("city", c.cityCode())
                .map(r -> new InterviewViews.Officer(
                        r.get("id", UUID.class), r.get("name", String.class), r.get("certificate_no", String.class)))
                .all()
                .collectList()
                .map(found -> {
                    List<InterviewViews.Officer> ordered = new ArrayList<>();
                    List<FieldProblem> problems = new ArrayList<>();
                    for (int i = 0; i < ids.size(); i++) {
                        UUID want = ids.get(i);
                        var hit = found.stream()
                                .filter(o -> o.inspectorId().equals(want))
                                .findFirst();
                        if (hit.isPresent()) {
                            ordered.add(hit.get());
                        } else {
                            problems.add(new FieldProblem(
                                    "officerIds[" + i + "]", "is no inspector of the case's city", want));
                        }
                    }
                    if (!problems.isEmpty()) {
                        throw ApiException.badRequest(
                                ProblemCodes.VALIDATION_FAILED, "request validation failed", problems);
                    }
                    return ordered;
                });
    }

    private Mono<Void> insert(
            UUID id,
            CaseRow c,
            InterviewViews.InterviewRequest body,
            List<InterviewViews.Officer> officers,
            Caller caller) {
        List<InterviewViews.QuestionAnswer> qa = body.questions().stream()
                .map(q -> new InterviewViews.QuestionAnswer(
                        q.question().strip(), q.answer().strip()))
                .toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("caseId", c.id().toString());
        details.put("caseNo", c.caseNo());
        // the audit trail names who was interviewed only as masked: it is read more widely than the case file
        details.put(
                "interviewee",
                org.permitwatch.support.security.Masking.name(
                        body.intervieweeName().strip()));
        details.put(
                "officers",
                officers.stream().map(InterviewViews.Officer::certificateNo).toList());
        details.put("questions", qa.size());
        return db.sql("""
                        INSERT INTO case_interview (id, case_id, interviewee_name, interviewee_id_no, interviewee_role,
                            place, started_at, ended_at, officers, questions, confirmation, recorded_by, recorded_at)
                        VALUES (:id, :case, :name, :idNo, :role, :place, :start, :end, :officers::jsonb,
                            :questions::jsonb, :confirmation, :by, :at)""")
                .bind("id", id)
                .bind("case", c.id())
                .bind("name", body.intervieweeName().strip())
                .bind("idNo", InterviewRules.normaliseId(body.intervieweeIdNumber()))
                .bind("role", body.intervieweeRole().strip())
                .bind("place", body.place().strip())
                .bind("start", body.startedAt())
                .bind("end", body.endedAt())
                .bind("officers", json.writeValueAsString(officers))
                .bind("questions", json.writeValueAsString(qa))
                .bind("confirmation", body.confirmation().strip())
                .bind("by", caller.subject())
                .bind("at", clock.nowUtc())
                .then()
                .then(audit.record("interview.record", "case-interview", id.toString(), details));
    }

    Mono<PageResponse<InterviewViews.Interview>> list(UUID caseId, String orderBy, Paging paging, Caller caller) {
        RecordScope scope = RecordScope.of(caller);
        String where = " FROM case_interview i JOIN enforcement_case c ON c.id = i.case_id WHERE i.case_id = :case AND "
                + scope.condition("c");
        var items = scope.bind(
                        db.sql("SELECT " + COLUMNS + where + " ORDER BY i.started_at, i.id LIMIT :limit OFFSET :offset")
                                .bind("case", caseId)
                                .bind("limit", paging.size())
                                .bind("offset", paging.offset()))
                .map(r -> view(r).forCaller(caller))
                .all()
                .collectList();
        var total = scope.bind(db.sql("SELECT count(*) AS n" + where).bind("case", caseId))
                .map(r -> r.get("n", Long.class))
                .one();
        return caseVisible(caseId, scope).then(Mono.zip(items, total, paging::page));
    }

    Mono<InterviewViews.Interview> get(UUID caseId, UUID id, Caller caller) {
        RecordScope scope = RecordScope.of(caller);
        return scope.bind(db.sql("SELECT " + COLUMNS + " FROM case_interview i JOIN enforcement_case c ON c.id = "
                                + "i.case_id WHERE i.id = :id AND i.case_id = :case AND " + scope.condition("c"))
                        .bind("id", id)
                        .bind("case", caseId))
                .map(r -> view(r).forCaller(caller))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                        "interview-not-found", "no interview " + id + " of that case in your scope")));
    }

    private Mono<InterviewViews.Interview> one(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM case_interview i WHERE i.id = :id")
                .bind("id", id)
                .map(this::view)
                .one();
    }

    private Mono<Void> caseVisible(UUID caseId, RecordScope scope) {
        return scope.bind(db.sql("SELECT c.id FROM enforcement_case c WHERE c.id = :case AND " + scope.condition("c"))
                        .bind("case", caseId))
                .map(r -> r.get("id", UUID.class))
                .one()
                .switchIfEmpty(Mono.error(() -> CaseAccess.notFound(caseId)))
                .then();
    }

    private InterviewViews.Interview view(Readable r) {
        return new InterviewViews.Interview(
                r.get("id", UUID.class),
                r.get("case_id", UUID.class),
                r.get("interviewee_name", String.class),
                r.get("interviewee_id_no", String.class),
                r.get("interviewee_role", String.class),
                r.get("place", String.class),
                r.get("started_at", OffsetDateTime.class),
                r.get("ended_at", OffsetDateTime.class),
                json.readValue(r.get("officers", String.class), OFFICERS),
                json.readValue(r.get("questions", String.class), QUESTIONS),
                r.get("confirmation", String.class),
                r.get("recorded_by", String.class),
                r.get("recorded_at", OffsetDateTime.class));
    }
}
