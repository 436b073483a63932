package org.permitwatch.inspection.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} handling for record writes and document issuing. Must run inside the write's transaction: the key row is
 * claimed first ({@code INSERT … ON CONFLICT DO NOTHING}); a concurrent retry's insert waits on the primary key
 * until the first transaction ends, then finds the committed row and replays its response. A rolled-back first
 * attempt leaves no row, so the retry does the work itself.
 */
@Component
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 200;

    private final DatabaseClient db;

    IdempotencyKeys(DatabaseClient db) {
        this.db = db;
    }

    /** A stored or fresh response: HTTP status and JSON body. */
    public record Reply(int status, String body, UUID recordId) {}

    public static void validate(String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-idempotency-key",
                    null,
                    "Idempotency-Key must be 1.." + MAX_KEY_LENGTH + " characters",
                    List.of(FieldProblem.of(HEADER, "must be 1.." + MAX_KEY_LENGTH + " characters")));
        }
    }

    /** Runs {@code work} once per (caller, key); the same key with another request is a 422 problem. */
    public Mono<Reply> once(
            String caller, String key, String operation, String canonicalRequest, Supplier<Mono<Reply>> work) {
        String hash = sha256(operation + "\n" + canonicalRequest);
        return db.sql("""
                        INSERT INTO inspection_idempotency_key (caller, idempotency_key, request_hash)
                        VALUES (:caller, :key, :hash) ON CONFLICT DO NOTHING RETURNING idempotency_key""")
                .bind("caller", caller)
                .bind("key", key)
                .bind("hash", hash)
                .map(r -> r.get(0, String.class))
                .one()
                .hasElement()
                .flatMap(claimed ->
                        claimed ? work.get().flatMap(reply -> store(caller, key, reply)) : replay(caller, key, hash));
    }

    private Mono<Reply> store(String caller, String key, Reply reply) {
        return db.sql("""
                        UPDATE inspection_idempotency_key SET record_id = :record, response_status = :status,
                            response_body = :body
                        WHERE caller = :caller AND idempotency_key = :key""")
                .bind("record", reply.recordId())
                .bind("status", reply.status())
                .bind("body", reply.body())
                .bind("caller", caller)
                .bind("key", key)
                .then()
                .thenReturn(reply);
    }

    private Mono<Reply> replay(String caller, String key, String hash) {
        return db.sql("""
                        SELECT request_hash, response_status, response_body, record_id FROM inspection_idempotency_key
                        WHERE caller = :caller AND idempotency_key = :key""")
                .bind("caller", caller)
                .bind("key", key)
                .map(r -> new Stored(
                        r.get("request_hash", String.class),
                        new Reply(
                                r.get("response_status", Integer.class),
                                r.get("response_body", String.class),
                                r.get("record_id", UUID.class))))
                .one()
                .flatMap(stored -> {
                    if (!stored.requestHash().equals(hash)) {
                        return Mono.error(new ApiException(
                                HttpStatus.UNPROCESSABLE_CONTENT,
                                "idempotency-key-reused",
                                null,
                                "this Idempotency-Key was used for a different request",
                                List.of(FieldProblem.of(HEADER, "already used for a different request"))));
                    }
                    return Mono.just(stored.reply());
                });
    }

    private record Stored(String requestHash, Reply reply) {}

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
