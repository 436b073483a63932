package org.permitwatch.monitoring.warning;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.events.monitoring.HeavyPollutionWarningChanged;
import org.permitwatch.events.monitoring.MonitoringTopics;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.outbox.OutboxMessage;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.security.Role;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The warning calendar in {@code heavy_pollution_warning}. Every change writes the row, its audit entry and the outbox
 * message for {@code monitoring.warning.events.v1} in one transaction, under a per-city advisory lock so two
 * overlapping declarations for one city can never both pass the overlap check (ADR 0039).
 */
@Component
class WarningStore {

    private static final String SELECT = """
            SELECT w.id, w.province_code, w.city_code, w.level, w.starts_at, w.ends_at, w.reference, w.declared_by,
                   w.declared_at, w.lifted_by, w.lifted_at
            FROM heavy_pollution_warning w
            """;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuditLog audit;
    private final OutboxWriter outbox;
    private final BureauClock clock;

    WarningStore(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            AuditLog audit,
            OutboxWriter outbox,
            BureauClock clock) {
        this.db = db;
        this.tx = WholeTransactions.create(transactions);
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * A city is known when the directory has a unit in it (a city without permits has no limits to tighten); 400
     * naming cityCode otherwise, or when the city is outside the caller's division.
     */
    Mono<Void> requireKnownCity(String cityCode, Caller caller) {
        if (!caller.division().contains(cityCode)) {
            return Mono.error(ApiException.invalidField("cityCode", "not a city of your division", cityCode));
        }
        return db.sql("SELECT EXISTS (SELECT 1 FROM directory_unit WHERE city_code = :city)")
                .bind("city", cityCode)
                .map(r -> r.get(0, Boolean.class))
                .one()
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() ->
                        ApiException.invalidField("cityCode", "no unit of the directory lies in that city", cityCode)))
                .then();
    }

    Mono<WarningView> declare(WarningForm form, Caller caller) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = clock.now();
        Mono<WarningView> work = lock(form.cityCode())
                .then(requireNoOverlap(form.cityCode(), null, form.startsAt(), form.endsAt()))
                .then(db.sql("""
                                INSERT INTO heavy_pollution_warning (id, province_code, city_code, level, starts_at,
                                    ends_at, reference, declared_by, declared_at)
                                VALUES (:id, :province, :city, :level, :startsAt, :endsAt, :reference, :by, :now)
                                """)
                        .bind("id", id)
                        .bind(
                                "province",
                                DivisionCode.of(form.cityCode()).provinceCode().value())
                        .bind("city", form.cityCode())
                        .bind("level", form.level().name())
                        .bind("startsAt", form.startsAt())
                        .bind("endsAt", Parameter.fromOrEmpty(form.endsAt(), OffsetDateTime.class))
                        .bind("reference", Parameter.fromOrEmpty(form.reference(), String.class))
                        .bind("by", caller.subject())
                        .bind("now", now)
                        .fetch()
                        .rowsUpdated())
                .then(Mono.defer(() -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("cityCode", form.cityCode());
                    details.put("level", form.level().name());
                    details.put("startsAt", form.startsAt().toString());
                    details.put(
                            "endsAt",
                            form.endsAt() == null ? null : form.endsAt().toString());
                    details.put("reference", form.reference());
                    return audit.record(
                            "monitoring.warning.declared", "heavy_pollution_warning", id.toString(), details);
                }))
                .then(Mono.defer(() -> find(id)))
                .flatMap(view -> publish(view, now).thenReturn(view));
        return tx.transactional(work);
    }

    Mono<WarningView> lift(UUID id, OffsetDateTime endsAt, Caller caller) {
        if (endsAt == null) {
            return Mono.error(ApiException.invalidField("endsAt", "is required", null));
        }
        OffsetDateTime now = clock.now();
        Mono<WarningView> work = findVisible(id, caller).flatMap(current -> {
            requireManager(caller, current.cityCode());
            if (current.liftedAt() != null) {
                return Mono.error(ApiException.conflict(
                        "warning-lifted", "the warning was lifted already at " + current.endsAt()));
            }
            if (!endsAt.isAfter(current.startsAt())) {
                return Mono.error(ApiException.invalidField("endsAt", "must be after the warning's start", endsAt));
            }
            return lock(current.cityCode())
                    .then(requireNoOverlap(current.cityCode(), id, current.startsAt(), endsAt))
                    .then(db.sql("""
                                            UPDATE heavy_pollution_warning SET ends_at = :endsAt, lifted_by = :by,
                                                lifted_at = :now WHERE id = :id
                                            """)
                            .bind("endsAt", endsAt)
                            .bind("by", caller.subject())
                            .bind("now", now)
                            .bind("id", id)
                            .fetch()
                            .rowsUpdated())
                    .then(audit.record(
                            "monitoring.warning.lifted",
                            "heavy_pollution_warning",
                            id.toString(),
                            Map.of("cityCode", current.cityCode(), "endsAt", endsAt.toString())))
                    .then(Mono.defer(() -> find(id)))
                    .flatMap(view -> publish(view, now).thenReturn(view));
        });
        return tx.transactional(work);
    }

    /** Only the province (any city of it) or the city itself declares and lifts (403 otherwise). */
    static void requireManager(Caller caller, String cityCode) {
        boolean province = caller.hasRole(Role.PROVINCE) && caller.division().level() == DivisionCode.Level.PROVINCE;
        boolean city = caller.hasRole(Role.CITY) && caller.division().value().equals(cityCode);
        if (!(province && caller.division().contains(cityCode)) && !city) {
            throw ApiException.forbidden(
                    "forbidden", "only the province or the city's own staff declare and lift its warnings");
        }
    }

    /** Readers see the warnings of their province (province staff) or of their own city (everyone else). */
    private static String scopePattern(Caller caller) {
        DivisionCode division = caller.division();
        return division.level() == DivisionCode.Level.PROVINCE
                ? division.likePattern()
                : division.cityCode().value();
    }

    Mono<WarningView> findVisible(UUID id, Caller caller) {
        return db.sql(SELECT + " WHERE w.id = :id AND w.city_code LIKE :scope")
                .bind("id", id)
                .bind("scope", scopePattern(caller))
                .map(this::view)
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("warning-not-found", "no warning " + id)));
    }

    private Mono<WarningView> find(UUID id) {
        return db.sql(SELECT + " WHERE w.id = :id")
                .bind("id", id)
                .map(this::view)
                .one();
    }

    Flux<WarningView> list(Caller caller, String cityCode, Boolean inForce, String orderBy, long offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(caller, cityCode, inForce, params);
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(SELECT + where + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset");
        for (Map.Entry<String, Object> p : params.entrySet()) {
            spec = spec.bind(p.getKey(), p.getValue());
        }
        return spec.bind("limit", limit).bind("offset", offset).map(this::view).all();
    }

    Mono<Long> count(Caller caller, String cityCode, Boolean inForce) {
        Map<String, Object> params = new HashMap<>();
        String where = where(caller, cityCode, inForce, params);
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT count(*) FROM heavy_pollution_warning w" + where);
        for (Map.Entry<String, Object> p : params.entrySet()) {
            spec = spec.bind(p.getKey(), p.getValue());
        }
        return spec.map(r -> r.get(0, Long.class)).one();
    }

    private String where(Caller caller, String cityCode, Boolean inForce, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" WHERE w.city_code LIKE :scope");
        params.put("scope", scopePattern(caller));
        if (cityCode != null && !cityCode.isBlank()) {
            where.append(" AND w.city_code = :city");
            params.put("city", cityCode);
        }
        if (inForce != null) {
            where.append(
                    inForce
                            ? " AND w.starts_at <= :now AND (w.ends_at IS NULL OR w.ends_at > :now)"
                            : " AND NOT (w.starts_at <= :now AND (w.ends_at IS NULL OR w.ends_at > :now))");
            params.put("now", clock.now());
        }
        return where.toString();
    }

    /** Serialises changes of one city's calendar until the transaction ends. */
    private Mono<Void> lock(String cityCode) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtext(:key))")
                .bind("key", "heavy_pollution_warning|" + cityCode)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * One warning at a time per city: [startsAt, endsAt) may not meet another warning's period (open-ended = to the
     * end of time). A change of level is lifting the current warning and declaring the new one from that time: the
     * calendar then says exactly which level was in force at each hour (ADR 0039). 409 warning-overlaps otherwise.
     */
    private Mono<Void> requireNoOverlap(String cityCode, UUID except, OffsetDateTime startsAt, OffsetDateTime endsAt) {
        return db.sql("""
                        SELECT id, level, starts_at FROM heavy_pollution_warning
                        WHERE city_code = :city AND id <> :except
                          AND (ends_at IS NULL OR ends_at > :startsAt)
                          AND (CAST(:endsAt AS timestamptz) IS NULL OR starts_at < CAST(:endsAt AS timestamptz))
                        LIMIT 1
                        """)
                .bind("city", cityCode)
                .bind("except", except == null ? new UUID(0, 0) : except)
                .bind("startsAt", startsAt)
                .bind("endsAt", Parameter.fromOrEmpty(endsAt, OffsetDateTime.class))
                .map(r -> r.get("id", UUID.class) + " (" + r.get("level", String.class) + ", from "
                        + r.get("starts_at", OffsetDateTime.class) + ")")
                .all()
                .next()
                .flatMap(other -> Mono.<Void>error(ApiException.conflict(
                        "warning-overlaps",
                        "the city has a warning in that period already: " + other
                                + "; lift it first (a new level is a new warning from the time the old one ends)")))
                .then();
    }

    private Mono<Void> publish(WarningView view, OffsetDateTime now) {
        HeavyPollutionWarningChanged event = new HeavyPollutionWarningChanged(
                view.id(),
                view.provinceCode(),
                view.cityCode(),
                view.level().name(),
                view.startsAt(),
                view.endsAt(),
                view.reference(),
                now);
        return outbox.append(new OutboxMessage(
                        MonitoringTopics.WARNINGS,
                        event.key(),
                        HeavyPollutionWarningChanged.TYPE,
                        view.id().toString(),
                        event))
                .then();
    }

    private WarningView view(Readable r) {
        OffsetDateTime startsAt = r.get("starts_at", OffsetDateTime.class);
        OffsetDateTime endsAt = r.get("ends_at", OffsetDateTime.class);
        OffsetDateTime now = clock.now();
        return new WarningView(
                r.get("id", UUID.class),
                r.get("province_code", String.class),
                r.get("city_code", String.class),
                WarningLevel.valueOf(r.get("level", String.class)),
                startsAt == null
                        ? null
                        : startsAt.atZoneSameInstant(clock.zone()).toOffsetDateTime(),
                endsAt == null ? null : endsAt.atZoneSameInstant(clock.zone()).toOffsetDateTime(),
                r.get("reference", String.class),
                r.get("declared_by", String.class),
                r.get("declared_at", OffsetDateTime.class),
                r.get("lifted_by", String.class),
                r.get("lifted_at", OffsetDateTime.class),
                !startsAt.isAfter(now) && (endsAt == null || endsAt.isAfter(now)));
    }
}
