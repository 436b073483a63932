package org.permitwatch.monitoring.directory;

import java.time.OffsetDateTime;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.support.inbox.IdempotentConsumer;
import org.permitwatch.support.security.DivisionCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies directory snapshots to {@code directory_unit}: once per event id (platform-support's IdempotentConsumer) and
 * only when newer than the stored one by (platform version, changedAt) — the same rule as inspection-service's
 * projection, so a redelivered or out-of-order older snapshot never overwrites a newer one. Only what monitoring needs
 * is kept: the unit's division, industry, category and status, its outlets with their pollutants, and
 * its self-monitoring table (which outlets and pollutants must be monitored automatically).
 */
@Component
class DirectoryProjection {

    static final String CONSUMER = "monitoring.directory-projection";

    private static final String UPSERT = """
            INSERT INTO directory_unit (permit_no, unit_name, city_code, county_code, industry_code, industry_name,
                                        key_industry, management_category, status,
                                        outlets, self_monitoring, version, changed_at, updated_at)
            VALUES (:permitNo, :unitName, :city, :county, :industryCode, :industryName, :keyIndustry, :category,
                    :status, CAST(:outlets AS jsonb), CAST(:selfMonitoring AS jsonb), :version, :changedAt, now())
            ON CONFLICT (permit_no) DO UPDATE SET
                unit_name = EXCLUDED.unit_name, city_code = EXCLUDED.city_code, county_code = EXCLUDED.county_code,
                industry_code = EXCLUDED.industry_code, industry_name = EXCLUDED.industry_name,
                key_industry = EXCLUDED.key_industry,
                management_category = EXCLUDED.management_category, status = EXCLUDED.status,
                outlets = EXCLUDED.outlets, self_monitoring = EXCLUDED.self_monitoring, version = EXCLUDED.version, changed_at = EXCLUDED.changed_at,
                updated_at = now()
            WHERE directory_unit.version IS NULL
               OR (EXCLUDED.version, coalesce(EXCLUDED.changed_at, '-infinity'))
                  > (directory_unit.version, coalesce(directory_unit.changed_at, '-infinity'))
            """;

    private final DatabaseClient db;
    private final IdempotentConsumer inbox;
    private final JsonMapper json;

    DirectoryProjection(DatabaseClient db, IdempotentConsumer inbox, JsonMapper json) {
        this.db = db;
        this.inbox = inbox;
        this.json = json;
    }

    Mono<Boolean> apply(String eventId, DirectoryUnitSnapshot unit) {
        validate(unit);
        String outlets = json.writeValueAsString(unit.outlets());
        // Kept as carried: null (an older snapshot) selects the fallback rule of the view required_monitoring.
        String selfMonitoring = unit.selfMonitoring() == null ? null : json.writeValueAsString(unit.selfMonitoring());
        return inbox.handleOnce(
                CONSUMER,
                eventId,
                () -> db.sql(UPSERT)
                        .bind("permitNo", unit.permitNo())
                        .bind("unitName", unit.unitName())
                        .bind("city", unit.cityCode())
                        .bind("county", unit.countyCode())
                        .bind("industryCode", nullable(unit.industryCode()))
                        .bind("industryName", nullable(unit.industryName()))
                        .bind("keyIndustry", nullable(unit.keyIndustry()))
                        .bind("category", unit.managementCategory())
                        .bind("status", unit.status())
                        .bind("outlets", outlets)
                        .bind(
                                "selfMonitoring",
                                selfMonitoring == null ? io.r2dbc.spi.Parameters.in(String.class) : selfMonitoring)
                        .bind("version", unit.version())
                        .bind(
                                "changedAt",
                                unit.changedAt() == null
                                        ? io.r2dbc.spi.Parameters.in(OffsetDateTime.class)
                                        : unit.changedAt())
                        .then());
    }

    private static Object nullable(String value) {
        return value == null ? io.r2dbc.spi.Parameters.in(String.class) : value;
    }

    Mono<Long> resetForReplay() {
        return db.sql("DELETE FROM processed_event WHERE consumer = :consumer")
                .bind("consumer", CONSUMER)
                .fetch()
                .rowsUpdated()
                .then(db.sql("UPDATE directory_unit SET version = NULL").fetch().rowsUpdated());
    }

    /** A snapshot that cannot be stored is a poison record: IllegalArgumentException sends it to the DLT. */
    static void validate(DirectoryUnitSnapshot unit) {
        if (unit.permitNo() == null
                || unit.permitNo().isBlank()
                || unit.unitName() == null
                || !DivisionCode.isValid(unit.countyCode())
                || !DivisionCode.isValid(unit.cityCode())
                || unit.managementCategory() == null
                || unit.status() == null) {
            throw new IllegalArgumentException("unusable directory snapshot for " + unit.permitNo());
        }
    }
}
