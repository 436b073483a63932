package org.permitwatch.inspection.remote;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.inspection.cases.FrozenSeries;
import org.permitwatch.support.audit.AuditLog;
import org.permitwatch.support.inbox.IdempotentConsumer;
import org.permitwatch.support.outbox.OutboxWriter;
import org.permitwatch.support.security.DivisionCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies a {@link MonitoringAlertChanged} to the remote alert of the same id (the producer's id is kept: it is derived
 * from the episode, so a replay lands on the same row), once per event id, in one transaction with its
 * {@code AlertChanged} and audit row.
 *
 * <p>The producer's state per alert is OPEN → RESOLVED, and RESOLVED is final for that id (a new episode is a new id).
 * Events of one alert share a partition but may be redelivered or replayed, so the row converges whatever the order:
 *
 * <ul>
 *   <li>the first event of an id inserts the row (OPEN, or RESOLVED when the resolution arrives first) and publishes it;
 *   <li>RESOLVED after OPEN resolves an OPEN alert (published); an alert a bureau already reviewed keeps its review
 *       status (DISMISSED / TASKED / CASED are decisions, not conditions) and only records that monitoring resolved it;
 *   <li>an OPEN after RESOLVED (a late or replayed opening) never reopens, it only moves {@code raised_at} back to the
 *       opening's time;
 *   <li>the numbers and the series come from the newest event ({@code changedAt}, stream time): an older event never
 *       overwrites them;
 *   <li>an event that changes nothing (the same state again under another event id) writes nothing and publishes
 *       nothing.
 * </ul>
 */
@Component
class MonitoringAlerts {

    static final String CONSUMER = "inspection.monitoring-alerts";

    private final DatabaseClient db;
    private final IdempotentConsumer inbox;
    private final OutboxWriter outbox;
    private final AuditLog audit;
    private final JsonMapper json;

    MonitoringAlerts(
            DatabaseClient db, IdempotentConsumer inbox, OutboxWriter outbox, AuditLog audit, JsonMapper json) {
        this.db = db;
        this.inbox = inbox;
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
    }

    /** The row's producer-side state, locked. */
    private record Current(
            String source, String sourceStatus, OffsetDateTime sourceChangedAt, OffsetDateTime raisedAt) {}

    /** Emits whether the event was new (false: processed before under this event id). */
    Mono<Boolean> apply(String eventId, MonitoringAlertChanged event) {
        Divisions divisions = validate(event);
        return inbox.handleOnce(CONSUMER, eventId, () -> upsert(event, divisions));
    }

    record Divisions(String province, String city, String county) {}

    /** Whatever can never be stored is an IllegalArgumentException: the record goes to the dead-letter topic. */
    static Divisions validate(MonitoringAlertChanged e) {
        if (e.alertId() == null) {
            throw new IllegalArgumentException("MonitoringAlertChanged without alertId");
        }
        if (e.rule() == null || e.rule().isBlank()) {
            throw new IllegalArgumentException("alert " + e.alertId() + " without rule");
        }
        RemoteRule known = MonitoringJudgement.known(e.rule());
        if (known != null && known.source() != AlertSource.MONITORING) {
            throw new IllegalArgumentException("alert " + e.alertId() + ": " + e.rule() + " is not a monitoring rule");
        }
        if (!MonitoringAlertChanged.OPEN.equals(e.status()) && !MonitoringAlertChanged.RESOLVED.equals(e.status())) {
            throw new IllegalArgumentException(
                    "alert " + e.alertId() + ": status must be OPEN or RESOLVED, not " + e.status());
        }
        if (e.permitNumber() == null || e.permitNumber().isBlank()) {
            throw new IllegalArgumentException("alert " + e.alertId() + " without permitNumber");
        }
        if (e.changedAt() == null) {
            throw new IllegalArgumentException("alert " + e.alertId() + " without changedAt");
        }
        // Scope is by county code (like every remote alert): without a valid one no bureau could ever see the alert.
        if (!DivisionCode.isValid(e.countyCode())) {
            throw new IllegalArgumentException(
                    "alert " + e.alertId() + ": countyCode must be a 6-digit division code, not " + e.countyCode());
        }
        DivisionCode county = DivisionCode.of(e.countyCode());
        String city = e.cityCode() != null ? e.cityCode() : county.cityCode().value();
        String province = e.provinceCode() != null
                ? e.provinceCode()
                : county.provinceCode().value();
        if (!DivisionCode.isValid(city) || !DivisionCode.of(city).contains(county)) {
            throw new IllegalArgumentException(
                    "alert " + e.alertId() + ": county " + e.countyCode() + " does not lie in city " + city);
        }
        if (!DivisionCode.isValid(province) || !DivisionCode.of(province).contains(county)) {
            throw new IllegalArgumentException(
                    "alert " + e.alertId() + ": county " + e.countyCode() + " does not lie in province " + province);
        }
        return new Divisions(province, city, e.countyCode());
    }

    private Mono<Void> upsert(MonitoringAlertChanged e, Divisions d) {
        return db.sql("""
                        SELECT source, source_status, source_changed_at, raised_at
                        FROM remote_alert WHERE id = :id FOR UPDATE""")
                .bind("id", e.alertId())
                .map(r -> new Current(
                        r.get("source", String.class),
                        r.get("source_status", String.class),
                        r.get("source_changed_at", OffsetDateTime.class),
                        r.get("raised_at", OffsetDateTime.class)))
                .one()
                .map(List::of)
                .defaultIfEmpty(List.of())
                .flatMap(found -> found.isEmpty() ? insert(e, d) : update(e, found.get(0)));
    }

    private Mono<Void> insert(MonitoringAlertChanged e, Divisions d) {
        MonitoringJudgement judgement = MonitoringJudgement.of(e.rule());
        boolean resolved = MonitoringAlertChanged.RESOLVED.equals(e.status());
        var spec = db.sql("""
                        INSERT INTO remote_alert (id, source, rule, rule_version, permit_number, unit_name,
                            province_code, city_code, county_code, key_industry, violation_type, article,
                            condition_key, evidence, status, raised_at, updated_at, resolved_at,
                            mn, outlet_code, pollutant_code, period_start, period_end, worst_value, limit_value,
                            value_unit, standard, source_status, source_changed_at, source_resolved_at)
                        VALUES (:id, 'MONITORING', :rule, :version, :permit, :unitName, :province, :city, :county,
                            :keyIndustry, :violationType, :article, :conditionKey, CAST(:evidence AS jsonb), :status,
                            :changedAt, :changedAt, :resolvedAt, :mn, :outlet, :pollutant, :periodStart, :periodEnd,
                            :worst, :limit, :unit, :standard, :status, :changedAt, :resolvedAt)
                        RETURNING """ + " " + AlertChange.COLUMNS)
                .bind("id", e.alertId())
                .bind("rule", e.rule())
                .bind("version", e.parametersVersion() != null ? e.parametersVersion() : "-")
                .bind("permit", e.permitNumber())
                .bind("unitName", e.unitName() != null ? e.unitName() : e.permitNumber())
                .bind("province", d.province())
                .bind("city", d.city())
                .bind("county", d.county())
                .bind(
                        "conditionKey",
                        String.join(
                                "|",
                                String.valueOf(e.mn()),
                                String.valueOf(e.outletCode()),
                                String.valueOf(e.pollutantCode()),
                                String.valueOf(e.periodStart())))
                .bind("evidence", evidence(e, judgement))
                .bind("status", resolved ? AlertStatus.RESOLVED.name() : AlertStatus.OPEN.name())
                // raised at the opening's stream time; a resolution that arrives first stands in until the opening
                // arrives (update() moves it back)
                .bind("changedAt", e.changedAt());
        spec = bindNullable(spec, "keyIndustry", e.keyIndustry(), String.class);
        spec = bindNullable(spec, "violationType", judgement.violationType(), String.class);
        spec = bindNullable(spec, "article", judgement.article(), String.class);
        spec = bindNullable(spec, "resolvedAt", resolved ? resolvedAt(e) : null, OffsetDateTime.class);
        spec = bindNumbers(spec, e);
        return spec.map(AlertChange::from)
                .one()
                .flatMap(change -> outbox.append(change.event())
                        .then(audit.recordAsSystem(
                                "monitoring-alert.receive",
                                "remote_alert",
                                e.alertId().toString(),
                                details(e, resolved ? "RAISED_RESOLVED" : "RAISED"))));
    }

    private Mono<Void> update(MonitoringAlertChanged e, Current current) {
        if (!AlertSource.MONITORING.name().equals(current.source())) {
            // a producer id colliding with a remote-check alert: never let one source overwrite the other
            throw new IllegalArgumentException("alert " + e.alertId() + " exists as a " + current.source() + " alert");
        }
        boolean newer = e.changedAt().isAfter(current.sourceChangedAt());
        boolean resolves = MonitoringAlertChanged.RESOLVED.equals(e.status())
                && MonitoringAlertChanged.OPEN.equals(current.sourceStatus());
        boolean earlierOpening =
                MonitoringAlertChanged.OPEN.equals(e.status()) && e.changedAt().isBefore(current.raisedAt());
        if (!newer && !resolves && !earlierOpening) {
            return Mono.empty(); // the same state again (a replay under another event id): a no-op
        }
        MonitoringJudgement judgement = MonitoringJudgement.of(e.rule());
        // Only the newest event's numbers and series are kept; the status moves only OPEN → RESOLVED, and only an
        // alert nobody has reviewed yet becomes RESOLVED (a review is a decision, monitoring's resolution a fact).
        var spec = db.sql("""
                        UPDATE remote_alert SET
                            raised_at = CASE WHEN :earlierOpening THEN CAST(:changedAt AS timestamptz) ELSE raised_at END,
                            evidence = CASE WHEN :newer THEN CAST(:evidence AS jsonb) ELSE evidence END,
                            rule_version = CASE WHEN :newer THEN :version ELSE rule_version END,
                            period_start = CASE WHEN :newer THEN :periodStart ELSE period_start END,
                            period_end = CASE WHEN :newer THEN :periodEnd ELSE period_end END,
                            worst_value = CASE WHEN :newer THEN :worst ELSE worst_value END,
                            limit_value = CASE WHEN :newer THEN :limit ELSE limit_value END,
                            value_unit = CASE WHEN :newer THEN :unit ELSE value_unit END,
                            standard = CASE WHEN :newer THEN :standard ELSE standard END,
                            mn = CASE WHEN :newer THEN :mn ELSE mn END,
                            outlet_code = CASE WHEN :newer THEN :outlet ELSE outlet_code END,
                            pollutant_code = CASE WHEN :newer THEN :pollutant ELSE pollutant_code END,
                            source_changed_at = greatest(source_changed_at, CAST(:changedAt AS timestamptz)),
                            source_status = CASE WHEN :resolves THEN 'RESOLVED' ELSE source_status END,
                            source_resolved_at = CASE WHEN :resolves THEN CAST(:resolvedAt AS timestamptz)
                                                      ELSE source_resolved_at END,
                            status = CASE WHEN :resolves AND status = 'OPEN' THEN 'RESOLVED' ELSE status END,
                            resolved_at = CASE WHEN :resolves AND status = 'OPEN' THEN CAST(:resolvedAt AS timestamptz)
                                               ELSE resolved_at END,
                            updated_at = CASE WHEN :resolves AND status = 'OPEN' THEN CAST(:changedAt AS timestamptz)
                                              ELSE updated_at END
                        WHERE id = :id
                        RETURNING (:resolves AND status = 'RESOLVED') AS published,""" + " " + AlertChange.COLUMNS)
                .bind("id", e.alertId())
                .bind("earlierOpening", earlierOpening)
                .bind("newer", newer)
                .bind("resolves", resolves)
                .bind("changedAt", e.changedAt())
                .bind("resolvedAt", resolvedAt(e))
                .bind("evidence", evidence(e, judgement))
                .bind("version", e.parametersVersion() != null ? e.parametersVersion() : "-");
        spec = bindNumbers(spec, e);
        String outcome = resolves ? "RESOLVED" : earlierOpening && !newer ? "OPENING_LATE" : "REFRESHED";
        return spec.map(r -> new Object[] {Boolean.TRUE.equals(r.get("published", Boolean.class)), AlertChange.from(r)})
                .one()
                .flatMap(row -> {
                    AlertChange change = (AlertChange) row[1];
                    // published only when this event turned an unreviewed OPEN alert into RESOLVED
                    Mono<Void> event =
                            (Boolean) row[0] ? outbox.append(change.event()).then() : Mono.empty();
                    return event.then(audit.recordAsSystem(
                            "monitoring-alert.receive",
                            "remote_alert",
                            e.alertId().toString(),
                            details(e, outcome)));
                });
    }

    /** The alert's evidence: the producer's series and numbers with the legal reading, one shape with the case's copy. */
    private String evidence(MonitoringAlertChanged e, MonitoringJudgement judgement) {
        List<FrozenSeries.Point> series = e.evidence().stream()
                .map(p -> new FrozenSeries.Point(p.time(), p.period(), p.value(), p.corrected(), p.flag(), p.valid()))
                .toList();
        return json.writeValueAsString(new FrozenSeries(
                e.alertId(),
                e.rule(),
                e.mn(),
                e.permitNumber(),
                e.unitName(),
                e.outletCode(),
                e.pollutantCode(),
                e.periodStart(),
                e.periodEnd(),
                e.worstValue(),
                e.limit(),
                e.unit(),
                e.standard(),
                e.parametersVersion(),
                e.parameters(),
                series,
                judgement.violationType(),
                judgement.article(),
                judgement.note()));
    }

    /** When the condition ended: the producer's period end for a resolution, else the event's time. */
    private static OffsetDateTime resolvedAt(MonitoringAlertChanged e) {
        return e.periodEnd() != null ? e.periodEnd() : e.changedAt();
    }

    private static Map<String, Object> details(MonitoringAlertChanged e, String outcome) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("outcome", outcome);
        details.put("rule", e.rule());
        details.put("status", e.status());
        details.put("permitNumber", e.permitNumber());
        details.put("changedAt", e.changedAt().toString());
        return details;
    }

    private static DatabaseClient.GenericExecuteSpec bindNumbers(
            DatabaseClient.GenericExecuteSpec spec, MonitoringAlertChanged e) {
        spec = bindNullable(spec, "mn", e.mn(), String.class);
        spec = bindNullable(spec, "outlet", e.outletCode(), String.class);
        spec = bindNullable(spec, "pollutant", e.pollutantCode(), String.class);
        spec = bindNullable(spec, "periodStart", e.periodStart(), OffsetDateTime.class);
        spec = bindNullable(spec, "periodEnd", e.periodEnd(), OffsetDateTime.class);
        spec = bindNullable(spec, "worst", e.worstValue(), Double.class);
        spec = bindNullable(spec, "limit", e.limit(), Double.class);
        spec = bindNullable(spec, "unit", e.unit(), String.class);
        return bindNullable(spec, "standard", e.standard(), String.class);
    }

    private static <T> DatabaseClient.GenericExecuteSpec bindNullable(
            DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }
}
