package org.permitwatch.inspection.document;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.inspection.cases.CaseAccess;
import org.permitwatch.inspection.cases.CaseRow;
import org.permitwatch.inspection.record.IdempotencyKeys;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issues a document: one transaction locks the case, checks that its state allows the kind ({@link DocumentFacts}),
 * takes the next 文号 ({@link DocumentNumbers}), renders DOCX and PDF from the current template version, stores both
 * with their SHA-256 and writes the audit row — all or nothing. Retried with the same {@code Idempotency-Key}, it
 * answers the first response instead of taking another number.
 */
@Service
@EnableConfigurationProperties(DocumentProperties.class)
class DocumentService {

    static final int MAX_REASON = 500;

    private final DatabaseClient db;
    private final CaseAccess cases;
    private final DocumentFacts facts;
    private final DocumentNumbers numbers;
    private final DocumentTemplates templates;
    private final DocumentQueries queries;
    private final IdempotencyKeys idempotency;
    private final AuditLog audit;
    private final JsonMapper json;
    private final BureauClock clock;
    private final TransactionalOperator tx;

    DocumentService(
            DatabaseClient db,
            CaseAccess cases,
            DocumentFacts facts,
            DocumentNumbers numbers,
            DocumentTemplates templates,
            DocumentQueries queries,
            IdempotencyKeys idempotency,
            AuditLog audit,
            JsonMapper json,
            BureauClock clock,
            ReactiveTransactionManager transactions) {
        this.db = db;
        this.cases = cases;
        this.facts = facts;
        this.numbers = numbers;
        this.templates = templates;
        this.queries = queries;
        this.idempotency = idempotency;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.tx = WholeTransactions.create(transactions);
    }

    Mono<IdempotencyKeys.Reply> issue(UUID caseId, DocumentViews.IssueRequest body, Caller caller, String key) {
        IdempotencyKeys.validate(key);
        validate(body);
        CaseAccess.requireBureau(caller);
        if (body.kind().deciderOnly()) {
            CaseAccess.requireDecider(caller);
        }
        String canonical =
                caseId + "|" + body.kind() + "|" + body.subjectId() + "|" + body.reissueOf() + "|" + body.reason();
        return idempotency.run(
                caller.subject(), key, "document.issue", canonical, tx, () -> work(caseId, body, caller));
    }

    private static void validate(DocumentViews.IssueRequest body) {
        if (body == null || body.kind() == null) {
            throw ApiException.invalidField("kind", "is required", null);
        }
        DocumentKind kind = body.kind();
        if (kind.needsSubject() && body.subjectId() == null) {
            throw ApiException.invalidField(
                    "subjectId",
                    switch (kind) {
                        case SERVICE_RECEIPT -> "is required: the issued document that is served";
                        case INTERVIEW_RECORD -> "is required: the recorded interview";
                        default -> "is required: the DAILY_CONTINUOUS decision";
                    },
                    null);
        }
        if (!kind.needsSubject() && body.subjectId() != null) {
            throw ApiException.invalidField("subjectId", "must be absent for " + kind, body.subjectId());
        }
        boolean blankReason = body.reason() == null || body.reason().isBlank();
        if (body.reissueOf() != null && blankReason) {
            throw ApiException.invalidField("reason", "is required to reissue a document", body.reason());
        }
        if (body.reissueOf() == null && !blankReason) {
            throw ApiException.invalidField("reason", "only a reissue (reissueOf) takes a reason", body.reason());
        }
        if (!blankReason && body.reason().length() > MAX_REASON) {
            throw ApiException.invalidField("reason", "must be at most " + MAX_REASON + " characters", null);
        }
    }

    private record Files(byte[] docx, byte[] pdf) {}

    private Mono<IdempotencyKeys.Reply> work(UUID caseId, DocumentViews.IssueRequest body, Caller caller) {
        DocumentKind kind = body.kind();
        return cases.lockInScope(caseId, caller)
                .flatMap(c -> previous(c, body)
                        .then(numbers.bureauOf(caller.division()))
                        .flatMap(bureau -> templates
                                .current(kind)
                                .flatMap(template -> facts.collect(c, kind, body.subjectId(), bureau)
                                        .flatMap(f -> numbers.next(
                                                        bureau, clock.today().getYear(), kind, template.numberWord())
                                                .flatMap(number -> {
                                                    f.values().put("documentNo", number.text());
                                                    RenderedDocument doc = new RenderedDocument(
                                                            template.title(),
                                                            template.fill(f.values(), f.flags()),
                                                            f.evidence());
                                                    // POI and OpenPDF block: never on an event-loop thread.
                                                    return Mono.fromCallable(() -> new Files(
                                                                    DocxRenderer.render(doc), PdfRenderer.render(doc)))
                                                            .subscribeOn(Schedulers.boundedElastic())
                                                            .flatMap(files -> store(
                                                                    c, body, bureau, number, template, doc, files,
                                                                    caller));
                                                })))))
                .flatMap(id -> queries.one(id))
                .map(view -> new IdempotencyKeys.Reply(201, json.writeValueAsString(view), view.id()));
    }

    /** An original exists once per case, kind and subject; a reissue names a current document of the same. */
    private Mono<Void> previous(CaseRow c, DocumentViews.IssueRequest body) {
        if (body.reissueOf() == null) {
            return db.sql("""
                            SELECT document_no FROM case_document WHERE case_id = :case AND kind = :kind
                            AND coalesce(subject_id, case_id) = :subject AND reissue_of IS NULL""")
                    .bind("case", c.id())
                    .bind("kind", body.kind().name())
                    .bind("subject", body.subjectId() == null ? c.id() : body.subjectId())
                    .map(r -> r.get("document_no", String.class))
                    .one()
                    .flatMap(no -> Mono.<Void>error(ApiException.conflict(
                            "document-exists",
                            body.kind() + " " + no
                                    + " was already issued in this case; reissue it (reissueOf, reason)")));
        }
        return db.sql("""
                        SELECT d.kind, d.subject_id,
                               EXISTS (SELECT 1 FROM case_document r WHERE r.reissue_of = d.id) AS reissued
                        FROM case_document d WHERE d.id = :id AND d.case_id = :case""")
                .bind("id", body.reissueOf())
                .bind("case", c.id())
                .map(r -> {
                    boolean sameSubject = body.subjectId() == null
                            ? r.get("subject_id", UUID.class) == null
                            : body.subjectId().equals(r.get("subject_id", UUID.class));
                    if (!body.kind().name().equals(r.get("kind", String.class)) || !sameSubject) {
                        throw ApiException.invalidField(
                                "reissueOf", "is a document of another kind or subject", body.reissueOf());
                    }
                    if (Boolean.TRUE.equals(r.get("reissued", Boolean.class))) {
                        throw ApiException.conflict(
                                "document-already-reissued",
                                "document " + body.reissueOf() + " was already replaced; reissue the current one");
                    }
                    return true;
                })
                .one()
                .switchIfEmpty(Mono.error(
                        () -> ApiException.invalidField("reissueOf", "is no document of this case", body.reissueOf())))
                .then();
    }

    private Mono<UUID> store(
            CaseRow c,
            DocumentViews.IssueRequest body,
            DocumentNumbers.Bureau bureau,
            DocumentNumbers.Number number,
            DocumentTemplate template,
            RenderedDocument doc,
            Files files,
            Caller caller) {
        UUID id = UUID.randomUUID();
        String pdfSha = sha256(files.pdf());
        String docxSha = sha256(files.docx());
        var spec = db.sql("""
                        INSERT INTO case_document (id, case_id, kind, subject_id, document_no, bureau_division, year, seq,
                            title, template_version, reissue_of, reissue_reason, evidence, docx, docx_sha256, pdf,
                            pdf_sha256, issued_by, issued_at)
                        VALUES (:id, :case, :kind, :subject, :no, :bureau, :year, :seq, :title, :version, :reissueOf,
                            :reason, :evidence::jsonb, :docx, :docxSha, :pdf, :pdfSha, :by, :at)""")
                .bind("id", id)
                .bind("case", c.id())
                .bind("kind", body.kind().name())
                .bind("no", number.text())
                .bind("bureau", bureau.divisionCode())
                .bind("year", number.year())
                .bind("seq", number.seq())
                .bind("title", template.title())
                .bind("version", template.version())
                .bind("evidence", json.writeValueAsString(doc.evidence()))
                .bind("docx", files.docx())
                .bind("docxSha", docxSha)
                .bind("pdf", files.pdf())
                .bind("pdfSha", pdfSha)
                .bind("by", caller.subject())
                .bind("at", clock.nowUtc());
        spec = body.subjectId() == null ? spec.bindNull("subject", UUID.class) : spec.bind("subject", body.subjectId());
        spec = body.reissueOf() == null
                ? spec.bindNull("reissueOf", UUID.class).bindNull("reason", String.class)
                : spec.bind("reissueOf", body.reissueOf())
                        .bind("reason", body.reason().strip());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("caseId", c.id().toString());
        details.put("caseNo", c.caseNo());
        details.put("kind", body.kind().name());
        details.put("documentNo", number.text());
        details.put("templateVersion", template.version());
        details.put("pdfSha256", pdfSha);
        details.put("docxSha256", docxSha);
        if (body.subjectId() != null) {
            details.put("subjectId", body.subjectId().toString());
        }
        if (body.reissueOf() != null) {
            details.put("reissueOf", body.reissueOf().toString());
            details.put("reason", body.reason().strip());
        }
        return spec.then()
                .then(audit.record(
                        body.reissueOf() == null ? "document.issue" : "document.reissue",
                        "case-document",
                        id.toString(),
                        details))
                .thenReturn(id);
    }

    static ApiException documentNotFound(UUID id) {
        return ApiException.notFound("document-not-found", "no document " + id + " in your scope");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
