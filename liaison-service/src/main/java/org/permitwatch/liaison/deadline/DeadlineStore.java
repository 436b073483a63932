package org.permitwatch.liaison.deadline;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Obligations, their dated instances and the per-city status. Obligations are province-wide definitions every
 * authenticated caller may read; callers are checked by the controller before writes reach this store.
 */
@Component
class DeadlineStore {

    private static final String OBLIGATION_COLUMNS =
            "id, code, title, description, recurrence, due_date, due_day, first_month, last_month";

    private final DatabaseClient db;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    private final BureauClock clock;

    DeadlineStore(DatabaseClient db, AuditLog audit, ReactiveTransactionManager transactions, BureauClock clock) {
        this.clock = clock;
        this.db = db;
        this.audit = audit;
        this.tx = WholeTransactions.create(transactions);
    }

    /** An instance row with its obligation's identity, as the status and reminder code need it. */
    record InstanceRow(UUID id, UUID obligationId, String code, String title, String period, LocalDate dueDate) {}

    Flux<DeadlineViews.Obligation> list(long offset, int limit) {
        return db.sql("SELECT " + OBLIGATION_COLUMNS
                        + " FROM deadline_obligation ORDER BY coalesce(due_date, first_month), code "
                        + "LIMIT :limit OFFSET :offset")
                .bind("limit", limit)
                .bind("offset", offset)
                .map(DeadlineStore::obligation)
                .all()
                .collectList()
                .flatMapMany(this::withInstances);
    }

    Mono<Long> count() {
        return db.sql("SELECT count(*) AS n FROM deadline_obligation")
                .map(r -> r.get("n", Long.class))
                .one();
    }

    Mono<DeadlineViews.Obligation> find(UUID id) {
        return db.sql("SELECT " + OBLIGATION_COLUMNS + " FROM deadline_obligation WHERE id = :id")
                .bind("id", id)
                .map(DeadlineStore::obligation)
                .one()
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(o -> withInstances(List.of(o)).single());
    }

    /** Creates the obligation and its instances; {@code system} marks the start-up seed in the audit log. */
    Mono<UUID> create(ObligationForm.Valid form, boolean system) {
        UUID id = UUID.randomUUID();
        Mono<UUID> write = bindForm(db.sql("""
                        INSERT INTO deadline_obligation (id, code, title, description, recurrence, due_date, due_day,
                                                         first_month, last_month)
                        VALUES (:id, :code, :title, :description, :recurrence, :dueDate, :dueDay, :firstMonth, :lastMonth)"""), form)
                .bind("id", id)
                .then()
                .then(syncInstances(id, form))
                .then(
                        system
                                ? audit.recordAsSystem(
                                        "deadline.create", "deadline_obligation", id.toString(), details(form))
                                : audit.record("deadline.create", "deadline_obligation", id.toString(), details(form)))
                .thenReturn(id);
        return tx.transactional(write)
                .onErrorMap(
                        DataIntegrityViolationException.class,
                        e -> ApiException.conflict(
                                "deadline-code-taken", "a deadline with code " + form.code() + " exists"));
    }

    /** The seed's path: creates the obligation unless one with its code exists. */
    Mono<Boolean> createIfAbsent(ObligationForm.Valid form) {
        return db.sql("SELECT count(*) AS n FROM deadline_obligation WHERE code = :code")
                .bind("code", form.code())
                .map(r -> r.get("n", Long.class))
                .one()
                .flatMap(n -> n > 0 ? Mono.just(false) : create(form, true).thenReturn(true));
    }

    /** Edits the definition; existing instances keep their ids (and submissions), only their due dates move. */
    Mono<Void> update(UUID id, ObligationForm.Valid form) {
        Mono<Void> write = bindForm(db.sql("""
                        UPDATE deadline_obligation SET code = :code, title = :title, description = :description,
                               recurrence = :recurrence, due_date = :dueDate, due_day = :dueDay,
                               first_month = :firstMonth, last_month = :lastMonth, updated_at = now()
                         WHERE id = :id"""), form)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 0 ? Mono.<Void>error(notFound(id)) : syncInstances(id, form))
                .then(audit.record("deadline.update", "deadline_obligation", id.toString(), details(form)));
        return tx.transactional(write)
                .onErrorMap(
                        DataIntegrityViolationException.class,
                        e -> ApiException.conflict(
                                "deadline-code-taken", "a deadline with code " + form.code() + " exists"));
    }

    /** Upserts the wanted instances and drops the others, refusing to drop one that already has submissions. */
    private Mono<Void> syncInstances(UUID obligationId, ObligationForm.Valid form) {
        List<Recurrence.Due> dues = Recurrence.instances(form);
        String[] periods = dues.stream().map(Recurrence.Due::period).toArray(String[]::new);
        Mono<Void> upserts = Flux.fromIterable(dues)
                .concatMap(due -> db.sql("""
                        INSERT INTO deadline_instance (id, obligation_id, period, due_date) VALUES (:id, :obligation, :period, :due)
                        ON CONFLICT (obligation_id, period) DO UPDATE SET due_date = EXCLUDED.due_date""")
                        .bind("id", UUID.randomUUID())
                        .bind("obligation", obligationId)
                        .bind("period", due.period())
                        .bind("due", due.dueDate())
                        .then())
                .then();
        Mono<Void> removals = db.sql("""
                        SELECT count(*) AS n FROM deadline_instance i
                         WHERE i.obligation_id = :obligation AND i.period <> ALL(:periods)
                           AND EXISTS (SELECT 1 FROM deadline_submission s WHERE s.instance_id = i.id)""")
                .bind("obligation", obligationId)
                .bind("periods", periods)
                .map(r -> r.get("n", Long.class))
                .one()
                .flatMap(n -> n > 0
                        ? Mono.<Void>error(ApiException.conflict(
                                "deadline-instance-has-submissions",
                                "the change would remove " + n + " due date(s) that cities already submitted against"))
                        : db.sql(
                                        "DELETE FROM deadline_instance WHERE obligation_id = :obligation AND period <> ALL(:periods)")
                                .bind("obligation", obligationId)
                                .bind("periods", periods)
                                .then());
        return upserts.then(removals);
    }

    /** One instance of an obligation: the only one of a ONCE obligation, else the month given as period. */
    Mono<InstanceRow> instance(UUID obligationId, String period) {
        return db.sql("""
                        SELECT i.id, i.obligation_id, o.code, o.title, i.period, i.due_date, o.recurrence
                          FROM deadline_instance i JOIN deadline_obligation o ON o.id = i.obligation_id
                         WHERE o.id = :obligation AND (o.recurrence = 'ONCE' OR i.period = :period)""")
                .bind("obligation", obligationId)
                .bind("period", period == null ? "" : period)
                .map(DeadlineStore::instanceRow)
                .one();
    }

    Flux<InstanceRow> instances(UUID obligationId, String period) {
        return db.sql("""
                        SELECT i.id, i.obligation_id, o.code, o.title, i.period, i.due_date FROM deadline_instance i
                          JOIN deadline_obligation o ON o.id = i.obligation_id
                         WHERE o.id = :obligation AND (:period::text IS NULL OR i.period = :period)
                         ORDER BY i.due_date""")
                .bind("obligation", obligationId)
                .bind("period", period == null ? io.r2dbc.spi.Parameters.in(String.class) : period)
                .map(DeadlineStore::instanceRow)
                .all();
    }

    /** Instances due between two dates (inclusive), for the reminder job. */
    Flux<InstanceRow> dueBetween(LocalDate from, LocalDate to) {
        return db.sql("""
                        SELECT i.id, i.obligation_id, o.code, o.title, i.period, i.due_date FROM deadline_instance i
                          JOIN deadline_obligation o ON o.id = i.obligation_id
                         WHERE i.due_date BETWEEN :from AND :to ORDER BY i.due_date, i.id""")
                .bind("from", from)
                .bind("to", to)
                .map(DeadlineStore::instanceRow)
                .all();
    }

    /** The first instant after the due date, on the bureau's calendar. */
    Instant dueEnd(LocalDate dueDate) {
        return clock.startOf(dueDate.plusDays(1)).toInstant();
    }

    /** Status of every reporting city whose code matches {@code cityScope} (a LIKE pattern) at {@code now}. */
    Flux<DeadlineViews.CityStatus> status(InstanceRow instance, String cityScope, Instant now) {
        Instant dueEnd = dueEnd(instance.dueDate());
        return db.sql("""
                        SELECT rc.division_code, rc.name, count(s.id) AS versions,
                               min(s.submitted_at) FILTER (WHERE s.submitted_at < :dueEnd) AS first_on_time,
                               min(s.submitted_at) AS first_any,
                               (array_agg(s.id ORDER BY s.version) FILTER (WHERE s.submitted_at < :dueEnd))[1] AS on_time_id,
                               (array_agg(s.version ORDER BY s.version) FILTER (WHERE s.submitted_at < :dueEnd))[1] AS on_time_version,
                               (array_agg(s.id ORDER BY s.version))[1] AS first_id,
                               (array_agg(s.version ORDER BY s.version))[1] AS first_version
                          FROM reporting_city rc
                          LEFT JOIN deadline_submission s ON s.city_code = rc.division_code AND s.instance_id = :instance
                         WHERE rc.division_code LIKE :scope
                         GROUP BY rc.division_code, rc.name, rc.sort_order
                         ORDER BY rc.sort_order, rc.division_code""")
                .bind("instance", instance.id())
                .bind("scope", cityScope)
                .bind("dueEnd", dueEnd.atOffset(java.time.ZoneOffset.UTC))
                .map(r -> {
                    Instant onTime = instant(r, "first_on_time");
                    Instant any = instant(r, "first_any");
                    DeadlineStatus status = DeadlineStatus.of(now, dueEnd, onTime, any);
                    boolean counted = onTime != null;
                    return new DeadlineViews.CityStatus(
                            r.get("division_code", String.class),
                            r.get("name", String.class),
                            status,
                            r.get(counted ? "on_time_id" : "first_id", UUID.class),
                            r.get(counted ? "on_time_version" : "first_version", Integer.class),
                            counted ? onTime : any,
                            r.get("versions", Long.class).intValue());
                })
                .all();
    }

    private static Instant instant(Readable r, String column) {
        OffsetDateTime value = r.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * The obligations with their instances, in the given order: one query for the instances of all of them, not one per
     * obligation (a page of 20 would be 21 round trips; RepeatedQueries found the loop).
     */
    private Flux<DeadlineViews.Obligation> withInstances(List<DeadlineViews.Obligation> obligations) {
        if (obligations.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("""
                        SELECT obligation_id, id, period, due_date FROM deadline_instance
                         WHERE obligation_id = ANY(:ids) ORDER BY due_date, id""")
                .bind(
                        "ids",
                        obligations.stream().map(DeadlineViews.Obligation::id).toArray(UUID[]::new))
                .map(r -> Map.entry(
                        r.get("obligation_id", UUID.class),
                        new DeadlineViews.Instance(
                                r.get("id", UUID.class),
                                r.get("period", String.class),
                                r.get("due_date", LocalDate.class))))
                .all()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
                .flatMapIterable(byObligation -> obligations.stream()
                        .map(o -> o.withInstances(byObligation.getOrDefault(o.id(), List.of())))
                        .toList());
    }

    private static DatabaseClient.GenericExecuteSpec bindForm(
            DatabaseClient.GenericExecuteSpec spec, ObligationForm.Valid form) {
        spec = spec.bind("code", form.code())
                .bind("title", form.title())
                .bind("recurrence", form.recurrence().name());
        spec = nullable(spec, "description", form.description(), String.class);
        spec = nullable(spec, "dueDate", form.dueDate(), LocalDate.class);
        spec = nullable(spec, "dueDay", form.dueDay(), Integer.class);
        spec = nullable(
                spec,
                "firstMonth",
                form.firstMonth() == null ? null : form.firstMonth().atDay(1),
                LocalDate.class);
        return nullable(
                spec,
                "lastMonth",
                form.lastMonth() == null ? null : form.lastMonth().atDay(1),
                LocalDate.class);
    }

    private static DatabaseClient.GenericExecuteSpec nullable(
            DatabaseClient.GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static Map<String, Object> details(ObligationForm.Valid form) {
        Map<String, Object> details = new HashMap<>();
        details.put("code", form.code());
        details.put("recurrence", form.recurrence().name());
        details.put("instances", Recurrence.instances(form).size());
        return details;
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("not-found", "no deadline " + id);
    }

    private static DeadlineViews.Obligation obligation(Readable r) {
        LocalDate first = r.get("first_month", LocalDate.class);
        LocalDate last = r.get("last_month", LocalDate.class);
        return new DeadlineViews.Obligation(
                r.get("id", UUID.class),
                r.get("code", String.class),
                r.get("title", String.class),
                r.get("description", String.class),
                r.get("recurrence", String.class),
                r.get("due_date", LocalDate.class),
                r.get("due_day", Integer.class),
                first == null ? null : YearMonth.from(first).toString(),
                last == null ? null : YearMonth.from(last).toString(),
                List.of());
    }

    private static InstanceRow instanceRow(Readable r) {
        return new InstanceRow(
                r.get("id", UUID.class),
                r.get("obligation_id", UUID.class),
                r.get("code", String.class),
                r.get("title", String.class),
                r.get("period", String.class),
                r.get("due_date", LocalDate.class));
    }
}
