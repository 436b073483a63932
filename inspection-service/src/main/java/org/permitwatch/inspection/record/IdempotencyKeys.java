package org.permitwatch.inspection.record;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@code Idempotency-Key} handling for record writes and document issuing. Must run inside the write's transaction: the key row is
 * claimed first ({@code INSERT … ON CONFLICT DO NOTHING}); a concurrent retry's insert waits on the primary key
 * until the first transaction ends, then finds the committed row and replays its response. A rolled-back first
 * attempt leaves no row, so the retry does the work itself.
 *
 * <p>{@link #run} is the one way a keyed write uses them: in its transaction, one copy at a time in this process, and
 * a copy of a write this process has answered replayed from memory without a transaction.
 */
@Component
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 200;

    /** How long this process remembers an answer it gave: a phone's retries come within seconds to minutes. */
    private static final Duration REMEMBERED_FOR = Duration.ofMinutes(10);

    private final DatabaseClient db;

    /** The (caller, key) pairs whose transaction runs in this process now, completed when it has ended. */
    private final ConcurrentMap<String, Mono<Void>> inFlight = new ConcurrentHashMap<>();

    /**
     * Answers this process committed, by (caller, key): a phone on a bad network sends a submission two or three
     * times, and each copy through the database costs a transaction (claim, conflict, read, commit) and a pooled
     * connection (issue 21: 267 of the load run's 467 requests are such copies). A committed answer never changes,
     * so the copy is replayed from here; the database stays the authority (another replica's answer, an evicted
     * one, a restart). Bounded by the bodies' size; null when disabled (a size of 0).
     */
    private final Cache<String, Answer> answered;

    IdempotencyKeys(DatabaseClient db, @Value("${permitwatch.idempotency.replay-memory:8MB}") DataSize replayMemory) {
        this.db = db;
        this.answered = replayMemory.toBytes() <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(replayMemory.toBytes())
                        // A Latin-1 string's bytes and a UTF-16 one's twice its length: take the larger.
                        .<String, Answer>weigher(
                                (id, answer) -> 2 * answer.reply().body().length() + 256)
                        .expireAfterWrite(REMEMBERED_FOR)
                        .build();
    }

    /** A stored or fresh response: HTTP status and JSON body. */
    public record Reply(int status, String body, UUID recordId) {}

    /** A committed answer with the hash of the request it answered. */
    private record Answer(String requestHash, Reply reply) {}

    /**
     * Runs a write in {@code tx}, once per (caller, key) when the client sent a key: the work of the first copy,
     * the stored answer for every other (from memory when this process gave it, else from the key's row), a 422 for
     * the key reused with another request. Without a key the work runs as it is, in its transaction.
     */
    public Mono<Reply> run(
            String caller,
            String key,
            String operation,
            String canonicalRequest,
            TransactionalOperator tx,
            Supplier<Mono<Reply>> work) {
        validate(key);
        if (key == null) {
            return tx.transactional(Mono.defer(work));
        }
        String id = caller + "\n" + key;
        String hash = sha256(operation + "\n" + canonicalRequest);
        // The transaction's value arrives after its commit: only committed answers are remembered.
        Mono<Reply> transaction =
                tx.transactional(once(caller, key, hash, work)).doOnNext(reply -> remember(id, hash, reply));
        return oneAtATime(caller, key, Mono.defer(() -> {
            Answer known = answered == null ? null : answered.getIfPresent(id);
            return known == null ? transaction : Mono.just(replayed(known, hash));
        }));
    }

    private void remember(String id, String hash, Reply reply) {
        if (answered != null) {
            answered.put(id, new Answer(hash, reply));
        }
    }

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

    /**
     * Subscribes to {@code transaction} (a write that calls {@link #once} inside its own transaction) only when no
     * other copy with the same (caller, key) is in flight in this process; a copy that arrives meanwhile waits for the
     * first to end without holding a pooled connection, then runs and replays its answer. Without this a phone's
     * concurrent retries each take a connection and wait on the key's row lock inside the database, which starves the
     * pool under load (issue 21). Several replicas still serialise on that row lock, so this is only the cheap path;
     * {@link #once} alone keeps the guarantee. Without a key the transaction runs as it is.
     */
    Mono<Reply> oneAtATime(String caller, String key, Mono<Reply> transaction) {
        if (key == null) {
            return transaction;
        }
        String id = caller + "\n" + key;
        return Mono.defer(() -> {
            Sinks.Empty<Void> ended = Sinks.empty();
            Mono<Void> mine = ended.asMono();
            Mono<Void> first = inFlight.putIfAbsent(id, mine);
            if (first != null) {
                return first.then(Mono.defer(() -> oneAtATime(caller, key, transaction)));
            }
            return transaction.doFinally(signal -> {
                inFlight.remove(id, mine);
                ended.tryEmitEmpty();
            });
        });
    }

    /** Runs {@code work} once per (caller, key) in the caller's transaction; a stored answer is replayed. */
    private Mono<Reply> once(String caller, String key, String hash, Supplier<Mono<Reply>> work) {
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
                .map(r -> new Answer(
                        r.get("request_hash", String.class),
                        new Reply(
                                r.get("response_status", Integer.class),
                                r.get("response_body", String.class),
                                r.get("record_id", UUID.class))))
                .one()
                .map(stored -> replayed(stored, hash));
    }

    /** The stored answer, or a 422 problem when the key was used for a different request. */
    private static Reply replayed(Answer stored, String hash) {
        if (!stored.requestHash().equals(hash)) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency-key-reused",
                    null,
                    "this Idempotency-Key was used for a different request",
                    List.of(FieldProblem.of(HEADER, "already used for a different request")));
        }
        return stored.reply();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
