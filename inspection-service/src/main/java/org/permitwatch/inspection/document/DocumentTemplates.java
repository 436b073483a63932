package org.permitwatch.inspection.document;

import java.util.Arrays;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The templates as versioned data ({@code document_template}): a document is produced by the highest version of its
 * kind and records that version. Versions are added, never edited.
 */
@Component
class DocumentTemplates {

    private static final TypeReference<List<DocumentTemplate.Block>> BLOCKS = new TypeReference<>() {};

    private final DatabaseClient db;
    private final JsonMapper json;

    DocumentTemplates(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<DocumentTemplate> current(DocumentKind kind) {
        return db.sql("""
                        SELECT kind, version, title, number_word, blocks::text AS blocks FROM document_template
                        WHERE kind = :kind ORDER BY version DESC LIMIT 1""")
                .bind("kind", kind.name())
                .map(r -> new DocumentTemplate(
                        DocumentKind.valueOf(r.get("kind", String.class)),
                        r.get("version", Integer.class),
                        r.get("title", String.class),
                        r.get("number_word", String.class),
                        json.readValue(r.get("blocks", String.class), BLOCKS)))
                .one()
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("no template of " + kind
                        + " (V84 installs one of every kind: " + Arrays.toString(DocumentKind.values()) + ")")));
    }
}
