package org.permitwatch.inspection.inspector;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads and writes of the inspector directory. Every statement carries the caller's division pattern, so a row
 * outside the caller's division is invisible (404), never filtered afterwards. A caller who is only an INSPECTOR
 * sees just their own entry.
 */
@Component
class InspectorStore {

    private static final String COLUMNS =
            "id, certificate_no, name, division_code, specialties, on_post, phone, created_at, updated_at";

    private final DatabaseClient db;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    InspectorStore(DatabaseClient db, AuditLog audit, ReactiveTransactionManager transactions) {
        this.db = db;
        this.audit = audit;
        this.tx = WholeTransactions.create(transactions);
    }

    Flux<InspectorViews.Inspector> list(Caller caller, Boolean onPost, long offset, int limit) {
        return filter(
                        db.sql("SELECT " + COLUMNS + " FROM inspector WHERE " + where(onPost)
                                + " ORDER BY division_code, certificate_no LIMIT :limit OFFSET :offset"),
                        caller,
                        onPost)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(InspectorStore::inspector)
                .all();
    }

    Mono<Long> count(Caller caller, Boolean onPost) {
        return filter(db.sql("SELECT count(*) AS n FROM inspector WHERE " + where(onPost)), caller, onPost)
                .map(r -> r.get("n", Long.class))
                .one();
    }

    Mono<InspectorViews.Inspector> find(UUID id, Caller caller) {
        return filter(db.sql("SELECT " + COLUMNS + " FROM inspector WHERE id = :id AND " + where(null)), caller, null)
                .bind("id", id)
                .map(InspectorStore::inspector)
                .one()
                .switchIfEmpty(Mono.error(
                        () -> ApiException.notFound("not-found", "no inspector " + id + " in your division")));
    }

    Mono<UUID> create(InspectorForm form, Caller caller) {
        requireWriter(caller, form.divisionCode());
        UUID id = UUID.randomUUID();
        Mono<UUID> write = requireCertificateFree(form.certificateNo(), null, caller)
                .then(db.sql("""
                        INSERT INTO inspector (id, certificate_no, name, division_code, specialties, on_post, phone)
                        VALUES (:id, :certificateNo, :name, :division, :specialties, :onPost, :phone)""")
                        .bind("id", id)
                        .bind("certificateNo", form.certificateNo())
                        .bind("name", form.name())
                        .bind("division", form.divisionCode())
                        .bind("specialties", form.specialties().toArray(String[]::new))
                        .bind("onPost", form.onPost())
                        .bind("phone", form.phone() == null ? io.r2dbc.spi.Parameters.in(String.class) : form.phone())
                        .then()
                        .then(audit.record(
                                "inspector.create",
                                "inspector",
                                id.toString(),
                                Map.of("divisionCode", form.divisionCode(), "onPost", form.onPost())))
                        .thenReturn(id));
        return tx.transactional(write)
                .onErrorMap(DataIntegrityViolationException.class, InspectorStore::certificateTaken);
    }

    Mono<Void> update(UUID id, InspectorForm form, Caller caller) {
        requireWriter(caller, form.divisionCode());
        Mono<Void> write = requireCertificateFree(form.certificateNo(), id, caller)
                .then(db.sql("""
                        UPDATE inspector SET certificate_no = :certificateNo, name = :name, division_code = :division,
                               specialties = :specialties, on_post = :onPost, phone = :phone, updated_at = now()
                         WHERE id = :id AND division_code LIKE :scope""")
                        .bind("id", id)
                        .bind("scope", caller.division().likePattern())
                        .bind("certificateNo", form.certificateNo())
                        .bind("name", form.name())
                        .bind("division", form.divisionCode())
                        .bind("specialties", form.specialties().toArray(String[]::new))
                        .bind("onPost", form.onPost())
                        .bind("phone", form.phone() == null ? io.r2dbc.spi.Parameters.in(String.class) : form.phone())
                        .fetch()
                        .rowsUpdated()
                        .flatMap(n -> n == 0
                                ? Mono.<Void>error(
                                        ApiException.notFound("not-found", "no inspector " + id + " in your division"))
                                : audit.record(
                                        "inspector.update",
                                        "inspector",
                                        id.toString(),
                                        Map.of("divisionCode", form.divisionCode(), "onPost", form.onPost()))));
        return tx.transactional(write)
                .onErrorMap(DataIntegrityViolationException.class, InspectorStore::certificateTaken);
    }

    /** The bureau of the inspector's division or the inspector themselves may declare a conflict. */
    Mono<InspectorViews.Conflict> declareConflict(UUID id, String permitNumber, String reason, Caller caller) {
        boolean self = id.toString().equals(caller.subject());
        if (!self && !isBureauWriter(caller)) {
            return Mono.error(ApiException.forbidden(
                    "inspector-write-forbidden",
                    "only the city or province bureau, or the inspector themselves, declare conflicts"));
        }
        Mono<InspectorViews.Conflict> write = find(id, caller)
                .then(db.sql("""
                                INSERT INTO inspector_conflict (inspector_id, permit_number, reason, declared_at)
                                VALUES (:id, :permit, :reason, now())
                                RETURNING inspector_id, permit_number, reason, declared_at""")
                        .bind("id", id)
                        .bind("permit", permitNumber)
                        .bind("reason", reason)
                        .map(InspectorStore::conflict)
                        .one())
                .flatMap(c -> audit.record(
                                "inspector.conflict.declare",
                                "inspector",
                                id.toString(),
                                Map.of("permitNumber", permitNumber))
                        .thenReturn(c));
        return tx.transactional(write)
                .onErrorMap(
                        DataIntegrityViolationException.class,
                        e -> ApiException.conflict(
                                "conflict-already-declared",
                                "a conflict with " + permitNumber + " is already declared for this inspector"));
    }

    Flux<InspectorViews.Conflict> conflicts(UUID id, Caller caller) {
        return find(id, caller)
                .thenMany(
                        db.sql("""
                        SELECT inspector_id, permit_number, reason, declared_at FROM inspector_conflict
                         WHERE inspector_id = :id ORDER BY permit_number""").bind("id", id).map(InspectorStore::conflict).all());
    }

    private static String where(Boolean onPost) {
        return "division_code LIKE :scope AND (:self::text IS NULL OR id::text = :self)"
                + (onPost == null ? "" : " AND on_post = :onPost");
    }

    private static DatabaseClient.GenericExecuteSpec filter(
            DatabaseClient.GenericExecuteSpec spec, Caller caller, Boolean onPost) {
        spec = spec.bind("scope", caller.division().likePattern());
        boolean bureau = caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY) || caller.hasRole(Role.COUNTY);
        spec = bureau ? spec.bindNull("self", String.class) : spec.bind("self", caller.subject());
        return onPost == null ? spec : spec.bind("onPost", onPost);
    }

    private static boolean isBureauWriter(Caller caller) {
        return caller.hasRole(Role.PROVINCE) || caller.hasRole(Role.CITY);
    }

    private static void requireWriter(Caller caller, String division) {
        if (!isBureauWriter(caller)) {
            throw ApiException.forbidden(
                    "inspector-write-forbidden", "only a city or the province bureau maintains inspectors");
        }
        if (!caller.canSee(division)) {
            throw ApiException.forbidden("division-out-of-scope", "division " + division + " is outside your division");
        }
    }

    /**
     * An enforcement certificate number (执法证号) identifies one officer, so a directory should hold it once. But the
     * answer must not tell a city about inspectors outside its division: "taken" is only said when the holder lies
     * in the caller's own scope (a city: its city; the province: everywhere), where the caller can list the holder
     * anyway. The database backs this per city (index inspector_certificate_per_city, V42_1); a number registered in
     * two cities is a duplicate only the province can see and reconcile — a transferred officer whose old entry was
     * not removed, or a typo — and a city is never the one to learn of it.
     */
    private Mono<Void> requireCertificateFree(String certificateNo, UUID self, Caller caller) {
        return db.sql("""
                        SELECT count(*) AS n FROM inspector
                         WHERE certificate_no = :certificateNo AND division_code LIKE :scope
                           AND (:self::uuid IS NULL OR id <> :self::uuid)""")
                .bind("certificateNo", certificateNo)
                .bind("scope", caller.division().likePattern())
                .bind("self", self == null ? io.r2dbc.spi.Parameters.in(UUID.class) : self)
                .map(r -> r.get("n", Long.class))
                .one()
                .flatMap(n -> n > 0 ? Mono.error(certificateTaken(null)) : Mono.empty());
    }

    private static ApiException certificateTaken(Throwable e) {
        return ApiException.conflict("certificate-number-taken", "another inspector holds this certificate number");
    }

    private static InspectorViews.Inspector inspector(Readable r) {
        return new InspectorViews.Inspector(
                r.get("id", UUID.class),
                r.get("certificate_no", String.class),
                r.get("name", String.class),
                r.get("division_code", String.class),
                List.of(r.get("specialties", String[].class)),
                Boolean.TRUE.equals(r.get("on_post", Boolean.class)),
                r.get("phone", String.class),
                r.get("created_at", OffsetDateTime.class),
                r.get("updated_at", OffsetDateTime.class));
    }

    private static InspectorViews.Conflict conflict(Readable r) {
        return new InspectorViews.Conflict(
                r.get("inspector_id", UUID.class),
                r.get("permit_number", String.class),
                r.get("reason", String.class),
                r.get("declared_at", OffsetDateTime.class));
    }
}
