package org.permitwatch.inspection.document;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.permitwatch.inspection.cases.CaseAccess;
import org.permitwatch.inspection.record.RecordScope;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read side of documents. A document is read under its case's scope ({@link RecordScope}, the same predicate as the
 * case itself): outside it the case and its documents are 404, downloads included.
 */
@Component
class DocumentQueries {

    private static final TypeReference<List<RenderedDocument.EvidenceFile>> EVIDENCE = new TypeReference<>() {};

    static final String COLUMNS = """
            d.id, d.case_id, d.kind, d.title, d.document_no, d.bureau_division, d.year, d.seq, d.template_version,
            d.subject_id, d.reissue_of, d.reissue_reason,
            (SELECT r.id FROM case_document r WHERE r.reissue_of = d.id) AS reissued_by,
            d.evidence::text AS evidence, d.pdf_sha256, octet_length(d.pdf) AS pdf_size, d.docx_sha256,
            octet_length(d.docx) AS docx_size, d.issued_by, d.issued_at""";

    private final DatabaseClient db;
    private final JsonMapper json;

    DocumentQueries(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A file of a document: its bytes, name and hash. */
    record File(byte[] bytes, String fileName, String sha256) {}

    Mono<PageResponse<DocumentViews.Document>> list(
            UUID caseId, DocumentKind kind, String orderBy, Paging paging, Caller caller) {
        RecordScope scope = RecordScope.of(caller);
        String where = " FROM case_document d JOIN enforcement_case c ON c.id = d.case_id WHERE d.case_id = :case AND "
                + scope.condition("c") + (kind == null ? "" : " AND d.kind = :kind");
        var items = bindKind(
                        scope.bind(db.sql("SELECT " + COLUMNS + where + " ORDER BY " + orderBy
                                        + " LIMIT :limit OFFSET :offset")
                                .bind("case", caseId)
                                .bind("limit", paging.size())
                                .bind("offset", paging.offset())),
                        kind)
                .map(this::view)
                .all()
                .collectList();
        var total = bindKind(scope.bind(db.sql("SELECT count(*) AS n" + where).bind("case", caseId)), kind)
                .map(r -> r.get("n", Long.class))
                .one();
        return caseVisible(caseId, scope).then(Mono.zip(items, total, paging::page));
    }

    Mono<DocumentViews.Document> one(UUID documentId) {
        return db.sql("SELECT " + COLUMNS + " FROM case_document d WHERE d.id = :id")
                .bind("id", documentId)
                .map(this::view)
                .one();
    }

    /** The PDF or DOCX of a document of a case in the caller's scope; 404 otherwise. */
    Mono<File> file(UUID caseId, UUID documentId, boolean pdf, Caller caller) {
        RecordScope scope = RecordScope.of(caller);
        String column = pdf ? "d.pdf AS bytes, d.pdf_sha256 AS sha" : "d.docx AS bytes, d.docx_sha256 AS sha";
        return caseVisible(caseId, scope)
                .then(scope.bind(db.sql("SELECT " + column + ", d.title, d.document_no FROM case_document d "
                                        + "JOIN enforcement_case c ON c.id = d.case_id WHERE d.id = :id AND d.case_id = "
                                        + ":case AND " + scope.condition("c"))
                                .bind("id", documentId)
                                .bind("case", caseId))
                        .map(r -> new File(
                                r.get("bytes", byte[].class),
                                r.get("title", String.class) + "-" + r.get("document_no", String.class)
                                        + (pdf ? ".pdf" : ".docx"),
                                r.get("sha", String.class)))
                        .one())
                .switchIfEmpty(Mono.error(() -> DocumentService.documentNotFound(documentId)));
    }

    private Mono<Void> caseVisible(UUID caseId, RecordScope scope) {
        return scope.bind(db.sql("SELECT c.id FROM enforcement_case c WHERE c.id = :case AND " + scope.condition("c"))
                        .bind("case", caseId))
                .map(r -> r.get("id", UUID.class))
                .one()
                .switchIfEmpty(Mono.error(() -> CaseAccess.notFound(caseId)))
                .then();
    }

    private static DatabaseClient.GenericExecuteSpec bindKind(
            DatabaseClient.GenericExecuteSpec spec, DocumentKind kind) {
        return kind == null ? spec : spec.bind("kind", kind.name());
    }

    private DocumentViews.Document view(Readable r) {
        return new DocumentViews.Document(
                r.get("id", UUID.class),
                r.get("case_id", UUID.class),
                DocumentKind.valueOf(r.get("kind", String.class)).v1Name(),
                r.get("kind", String.class),
                r.get("title", String.class),
                r.get("document_no", String.class),
                r.get("bureau_division", String.class),
                r.get("year", Integer.class),
                r.get("seq", Integer.class),
                r.get("template_version", Integer.class),
                r.get("subject_id", UUID.class),
                r.get("reissue_of", UUID.class),
                r.get("reissue_reason", String.class),
                r.get("reissued_by", UUID.class),
                json.readValue(r.get("evidence", String.class), EVIDENCE),
                r.get("pdf_sha256", String.class),
                r.get("pdf_size", Integer.class),
                r.get("docx_sha256", String.class),
                r.get("docx_size", Integer.class),
                r.get("issued_by", String.class),
                r.get("issued_at", OffsetDateTime.class));
    }
}
