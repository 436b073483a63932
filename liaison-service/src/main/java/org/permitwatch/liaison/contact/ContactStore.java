package org.permitwatch.liaison.contact;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.tx.WholeTransactions;
import org.permitwatch.support.web.ListSort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads and writes of {@code liaison_contact}. Read scope: the province sees every contact of its province; anyone
 * else sees the contacts of their own city (a county user sees its city's two liaisons) plus the province's contacts.
 * Writes: the province for any contact, a city bureau for its own two liaisons. Every write is audited in its
 * transaction; the audit details carry no personal data.
 */
@Component
class ContactStore {

    private static final String COLUMNS = "c.id, c.role, c.division_code, c.person_name, c.organisation, c.position, "
            + "c.phone, c.email, c.remarks, c.sort_order, c.active, c.created_at, c.updated_at";
    private static final String VISIBLE = "c.active AND (c.division_code LIKE :scope "
            + "OR (c.role = 'PROVINCE' AND c.division_code LIKE :province))";
    /** Export and list order: province contacts first, then cities in the province's order, then role and sort key. */
    private static final String DEFAULT_ORDER = "CASE WHEN c.role = 'PROVINCE' THEN 0 ELSE 1 END, "
            + "coalesce(rc.sort_order, 999), c.division_code, "
            + "CASE c.role WHEN 'ENFORCEMENT' THEN 0 WHEN 'PERMIT_ISSUING' THEN 1 ELSE 2 END, c.sort_order, c.person_name, c.id";

    private static final String FROM =
            " FROM liaison_contact c LEFT JOIN reporting_city rc ON rc.division_code = c.division_code ";

    private final DatabaseClient db;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    ContactStore(DatabaseClient db, AuditLog audit, ReactiveTransactionManager transactions) {
        this.db = db;
        this.audit = audit;
        this.tx = WholeTransactions.create(transactions);
    }

    /** A contact with the name of its city (null for province contacts and unknown codes). */
    record Listed(ContactViews.Contact contact, String cityName) {}

    Flux<Listed> list(Caller caller, long offset, int limit) {
        return list(caller, ContactFilter.NONE, null, offset, limit);
    }

    /**
     * @param sort the request's {@code sort} (ContactSort); null keeps the 附件4 order the export uses
     */
    Flux<Listed> list(Caller caller, ContactFilter filter, String sort, long offset, int limit) {
        String orderBy = ListSort.orderBy(sort, ContactSort.class, DEFAULT_ORDER, ContactSort.TIE_BREAKER);
        return filter.bind(scoped(
                        db.sql("SELECT " + COLUMNS + ", rc.name AS city_name" + FROM + "WHERE " + VISIBLE + filter.sql()
                                + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset"),
                        caller))
                .bind("limit", limit)
                .bind("offset", offset)
                .map(r -> new Listed(contact(r), r.get("city_name", String.class)))
                .all();
    }

    Mono<Long> count(Caller caller, ContactFilter filter) {
        return filter.bind(scoped(db.sql("SELECT count(*) AS n" + FROM + "WHERE " + VISIBLE + filter.sql()), caller))
                .map(r -> r.get("n", Long.class))
                .one();
    }

    Mono<ContactViews.Contact> find(UUID id, Caller caller) {
        return scoped(db.sql("SELECT " + COLUMNS + FROM + "WHERE c.id = :id AND " + VISIBLE), caller)
                .bind("id", id)
                .map(ContactStore::contact)
                .one()
                .switchIfEmpty(Mono.error(() -> notFound(id)));
    }

    Mono<UUID> create(ContactForm.Valid form, Caller caller) {
        requireWriter(caller, form);
        UUID id = UUID.randomUUID();
        Mono<UUID> write = bindForm(db.sql("""
                        INSERT INTO liaison_contact (id, role, division_code, person_name, organisation, position, phone,
                                                     email, remarks, sort_order)
                        VALUES (:id, :role, :division, :personName, :organisation, :position, :phone, :email, :remarks,
                                :sortOrder)"""), form)
                .bind("id", id)
                .then()
                .then(audit.record("liaison.create", "liaison_contact", id.toString(), details(form)))
                .thenReturn(id);
        return tx.transactional(write).onErrorMap(DataIntegrityViolationException.class, e -> roleTaken(form));
    }

    Mono<Void> update(UUID id, ContactForm.Valid form, Caller caller) {
        requireWriter(caller, form);
        Mono<Void> write = bindForm(db.sql("""
                        UPDATE liaison_contact SET role = :role, division_code = :division, person_name = :personName,
                               organisation = :organisation, position = :position, phone = :phone, email = :email,
                               remarks = :remarks, sort_order = :sortOrder, updated_at = now()
                         WHERE id = :id AND active AND division_code LIKE :writeScope"""), form)
                .bind("id", id)
                .bind("writeScope", writeScope(caller))
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 0
                        ? Mono.<Void>error(notFound(id))
                        : audit.record("liaison.update", "liaison_contact", id.toString(), details(form)));
        return tx.transactional(write).onErrorMap(DataIntegrityViolationException.class, e -> roleTaken(form));
    }

    /** Deactivation keeps the row (and the deliveries addressed to it) but frees the city's slot for a successor. */
    Mono<Void> deactivate(UUID id, Caller caller) {
        requireBureau(caller);
        Mono<Void> write = db.sql("""
                        UPDATE liaison_contact SET active = false, updated_at = now()
                         WHERE id = :id AND active AND division_code LIKE :writeScope
                        RETURNING role, division_code""")
                .bind("id", id)
                .bind("writeScope", writeScope(caller))
                .map(r -> Map.of(
                        "role", r.get("role", String.class), "divisionCode", r.get("division_code", String.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(details -> audit.record("liaison.deactivate", "liaison_contact", id.toString(), details));
        return tx.transactional(write);
    }

    private static DatabaseClient.GenericExecuteSpec bindForm(
            DatabaseClient.GenericExecuteSpec spec, ContactForm.Valid form) {
        spec = spec.bind("role", form.role().name())
                .bind("division", form.divisionCode())
                .bind("personName", form.personName())
                .bind("organisation", form.organisation())
                .bind("phone", form.phone())
                .bind("email", form.email())
                .bind("sortOrder", form.sortOrder());
        spec = form.position() == null
                ? spec.bindNull("position", String.class)
                : spec.bind("position", form.position());
        return form.remarks() == null ? spec.bindNull("remarks", String.class) : spec.bind("remarks", form.remarks());
    }

    private static Map<String, Object> details(ContactForm.Valid form) {
        return Map.of("role", form.role().name(), "divisionCode", form.divisionCode());
    }

    /** The province sees its whole province; anyone else the city they belong to (plus province contacts). */
    private static DatabaseClient.GenericExecuteSpec scoped(DatabaseClient.GenericExecuteSpec spec, Caller caller) {
        String scope = caller.hasRole(Role.PROVINCE)
                ? caller.division().likePattern()
                : caller.division().cityCode().likePattern();
        return spec.bind("scope", scope)
                .bind("province", caller.division().provinceCode().likePattern());
    }

    private static String writeScope(Caller caller) {
        return caller.hasRole(Role.PROVINCE)
                ? caller.division().likePattern()
                : caller.division().cityCode().value();
    }

    private static void requireBureau(Caller caller) {
        boolean cityBureau = caller.hasRole(Role.CITY)
                && caller.division().level() == org.permitwatch.support.security.DivisionCode.Level.CITY;
        if (!caller.hasRole(Role.PROVINCE) && !cityBureau) {
            throw ApiException.forbidden(
                    "liaison-write-forbidden", "only the province or a city bureau maintains liaisons");
        }
    }

    private static void requireWriter(Caller caller, ContactForm.Valid form) {
        requireBureau(caller);
        if (caller.hasRole(Role.PROVINCE)) {
            if (!caller.canSee(form.divisionCode())) {
                throw ApiException.forbidden(
                        "division-out-of-scope", "division " + form.divisionCode() + " is outside your division");
            }
            return;
        }
        if (form.role() == ContactRole.PROVINCE
                || !form.divisionCode().equals(caller.division().cityCode().value())) {
            throw ApiException.forbidden("division-out-of-scope", "a city registers only its own two liaisons");
        }
    }

    private static ApiException roleTaken(ContactForm.Valid form) {
        return ApiException.conflict(
                "liaison-role-taken",
                "division " + form.divisionCode() + " already has an active "
                        + form.role().name() + " liaison; deactivate it first");
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("not-found", "no active liaison " + id + " in your division");
    }

    private static ContactViews.Contact contact(Readable r) {
        Integer sort = r.get("sort_order", Integer.class);
        return new ContactViews.Contact(
                r.get("id", UUID.class),
                r.get("role", String.class),
                r.get("division_code", String.class),
                r.get("person_name", String.class),
                r.get("organisation", String.class),
                r.get("position", String.class),
                r.get("phone", String.class),
                r.get("email", String.class),
                r.get("remarks", String.class),
                sort == null ? 0 : sort,
                Boolean.TRUE.equals(r.get("active", Boolean.class)),
                r.get("created_at", OffsetDateTime.class),
                r.get("updated_at", OffsetDateTime.class));
    }
}
