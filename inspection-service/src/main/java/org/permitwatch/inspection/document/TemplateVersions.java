package org.permitwatch.inspection.document;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.tx.WholeTransactions;
import org.permitwatch.support.web.PageResponse;
import org.permitwatch.support.web.Paging;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing and listing template versions. A version is checked against what {@link DocumentFacts} can fill for its
 * kind before it is stored, so an issue never meets a placeholder it cannot fill; versions of one kind are numbered
 * under a transaction-scoped advisory lock (two publishers never take the same number).
 */
@Component
class TemplateVersions {

    private static final TypeReference<List<DocumentTemplate.Block>> BLOCKS = new TypeReference<>() {};
    static final int MAX_BLOCKS = 200;
    static final int MAX_TEXT = 2_000;

    private final DatabaseClient db;
    private final JsonMapper json;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    TemplateVersions(DatabaseClient db, JsonMapper json, AuditLog audit, ReactiveTransactionManager transactions) {
        this.db = db;
        this.json = json;
        this.audit = audit;
        this.tx = WholeTransactions.create(transactions);
    }

    Mono<TemplateController.Version> publish(TemplateController.NewVersion body, Caller caller) {
        if (!caller.hasRole(Role.PROVINCE)) {
            return Mono.error(ApiException.forbidden(
                    "template-write-forbidden", "only PROVINCE staff publish document templates"));
        }
        validate(body);
        String kind = body.kind().name();
        return tx.transactional(db.sql("SELECT pg_advisory_xact_lock(hashtext(:key))")
                .bind("key", "document_template:" + kind)
                .then()
                .then(db.sql("""
                                INSERT INTO document_template (kind, version, title, number_word, blocks, created_by)
                                SELECT :kind, coalesce(max(version), 0) + 1, :title, :word, :blocks::jsonb, :by
                                FROM document_template WHERE kind = :kind
                                RETURNING kind, version, title, number_word, blocks::text AS blocks, created_by,
                                          created_at""")
                        .bind("kind", kind)
                        .bind("title", body.title().strip())
                        .bind("word", body.numberWord().strip())
                        .bind("blocks", json.writeValueAsString(body.blocks()))
                        .bind("by", caller.subject())
                        .map(this::version)
                        .one())
                .flatMap(v -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("kind", kind);
                    details.put("version", v.version());
                    details.put("title", v.title());
                    details.put("numberWord", v.numberWord());
                    return audit.record(
                                    "document-template.publish", "document-template", kind + "/" + v.version(), details)
                            .thenReturn(v);
                }));
    }

    Mono<PageResponse<TemplateController.Version>> list(DocumentKind kind, Paging paging) {
        String where = kind == null ? "" : " WHERE kind = :kind";
        var items = db.sql("SELECT kind, version, title, number_word, blocks::text AS blocks, created_by, created_at "
                + "FROM document_template" + where + " ORDER BY kind, version DESC LIMIT :limit OFFSET :offset");
        var total = db.sql("SELECT count(*) AS n FROM document_template" + where);
        if (kind != null) {
            items = items.bind("kind", kind.name());
            total = total.bind("kind", kind.name());
        }
        return Mono.zip(
                items.bind("limit", paging.size())
                        .bind("offset", paging.offset())
                        .map(this::version)
                        .all()
                        .collectList(),
                total.map(r -> r.get("n", Long.class)).one(),
                paging::page);
    }

    /** The rules of a version, each problem naming the field it is about. */
    static void validate(TemplateController.NewVersion body) {
        if (body == null || body.kind() == null) {
            throw ApiException.invalidField("kind", "is required", null);
        }
        if (body.title() == null || body.title().isBlank() || body.title().length() > 100) {
            throw ApiException.invalidField("title", "must be 1..100 characters", body.title());
        }
        if (body.numberWord() == null
                || body.numberWord().isBlank()
                || body.numberWord().length() > 10) {
            throw ApiException.invalidField("numberWord", "must be 1..10 characters", body.numberWord());
        }
        List<DocumentTemplate.Block> blocks = body.blocks();
        if (blocks == null || blocks.isEmpty() || blocks.size() > MAX_BLOCKS) {
            throw ApiException.invalidField("blocks", "must hold 1.." + MAX_BLOCKS + " blocks", null);
        }
        boolean numbered = false;
        for (int i = 0; i < blocks.size(); i++) {
            DocumentTemplate.Block b = blocks.get(i);
            String at = "blocks[" + i + "]";
            if (b == null || b.style() == null) {
                throw ApiException.invalidField(at + ".style", "is required", null);
            }
            if (b.style() == DocumentTemplate.Style.FIELD
                    && (b.label() == null || b.label().isBlank())) {
                throw ApiException.invalidField(at + ".label", "a FIELD needs a label", b.label());
            }
            if (b.text() != null && b.text().length() > MAX_TEXT) {
                throw ApiException.invalidField(at + ".text", "must be at most " + MAX_TEXT + " characters", null);
            }
            if (b.when() != null
                    && !DocumentFacts.FLAGS
                            .getOrDefault(body.kind(), java.util.Set.of())
                            .contains(b.when())) {
                throw ApiException.invalidField(at + ".when", "is no flag of " + body.kind(), b.when());
            }
            Matcher m = DocumentTemplate.PLACEHOLDER.matcher(b.text() == null ? "" : b.text());
            while (m.find()) {
                if (!DocumentFacts.knows(body.kind(), m.group(1))) {
                    throw ApiException.invalidField(
                            at + ".text", "{{" + m.group(1) + "}} is no value of " + body.kind(), m.group(1));
                }
            }
            if (b.style() == DocumentTemplate.Style.NUMBER
                    && b.text() != null
                    && b.text().contains("{{documentNo}}")) {
                numbered = true;
            }
        }
        if (!numbered) {
            throw ApiException.invalidField("blocks", "a NUMBER block must print {{documentNo}}", null);
        }
    }

    private TemplateController.Version version(Readable r) {
        return new TemplateController.Version(
                DocumentKind.valueOf(r.get("kind", String.class)).v1Name(),
                r.get("kind", String.class),
                r.get("version", Integer.class),
                r.get("title", String.class),
                r.get("number_word", String.class),
                json.readValue(r.get("blocks", String.class), BLOCKS),
                r.get("created_by", String.class),
                r.get("created_at", OffsetDateTime.class));
    }
}
