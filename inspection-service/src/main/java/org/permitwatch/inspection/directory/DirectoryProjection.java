package org.permitwatch.inspection.directory;

import java.time.OffsetDateTime;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.support.inbox.IdempotentConsumer;
import org.permitwatch.support.security.DivisionCode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Applies directory snapshots to {@code directory_unit}: once per event id (IdempotentConsumer) and only when
 * the snapshot is newer than the stored one, ordered by (platform version, changedAt), so a redelivered or
 * out-of-order older snapshot never overwrites a newer one. {@code last_inspected_at} belongs to this service
 * and is never taken from the topic.
 */
@Component
class DirectoryProjection {

    static final String CONSUMER = "inspection.directory-projection";

    private static final String UPSERT = """
            INSERT INTO directory_unit (permit_number, unit_name, division_code, snapshot, source_event, updated_at,
                                        uscc, city_code, county_code, industry_code, key_industry, management_category,
                                        status, without_permit, source_type, positive_list, version, changed_at)
            VALUES (:permitNo, :unitName, :county, CAST(:snapshot AS jsonb), :eventId, now(),
                    :uscc, :city, :county, :industryCode, :keyIndustry, :category,
                    :status, :withoutPermit, :sourceType, :positiveList, :version, :changedAt)
            ON CONFLICT (permit_number) DO UPDATE SET
                unit_name = EXCLUDED.unit_name, division_code = EXCLUDED.division_code, snapshot = EXCLUDED.snapshot,
                source_event = EXCLUDED.source_event, updated_at = now(), uscc = EXCLUDED.uscc,
                city_code = EXCLUDED.city_code, county_code = EXCLUDED.county_code,
                industry_code = EXCLUDED.industry_code, key_industry = EXCLUDED.key_industry,
                management_category = EXCLUDED.management_category, status = EXCLUDED.status,
                without_permit = EXCLUDED.without_permit, source_type = EXCLUDED.source_type,
                positive_list = EXCLUDED.positive_list, version = EXCLUDED.version, changed_at = EXCLUDED.changed_at
            WHERE directory_unit.version IS NULL
               OR (EXCLUDED.version, coalesce(EXCLUDED.changed_at, '-infinity'))
                  > (directory_unit.version, coalesce(directory_unit.changed_at, '-infinity'))
            """;

    private final DatabaseClient db;
    private final IdempotentConsumer inbox;

    DirectoryProjection(DatabaseClient db, IdempotentConsumer inbox) {
        this.db = db;
        this.inbox = inbox;
    }

    /**
     * @param rawJson the record value as received, stored as the snapshot so fields this service does not know
     *                yet survive
     * @return true when the event was new (whether or not the version guard let it change the row)
     */
    Mono<Boolean> apply(String eventId, DirectoryUnitSnapshot unit, String rawJson) {
        validate(unit);
        return inbox.handleOnce(
                CONSUMER,
                eventId,
                () -> db.sql(UPSERT)
                        .bind("permitNo", unit.permitNo())
                        .bind("unitName", unit.unitName())
                        .bind("county", unit.countyCode())
                        .bind("snapshot", rawJson)
                        .bind("eventId", eventId)
                        .bind("uscc", nullable(unit.uscc()))
                        .bind("city", unit.cityCode())
                        .bind("industryCode", nullable(unit.industryCode()))
                        .bind("keyIndustry", unit.keyIndustry())
                        .bind("category", unit.managementCategory())
                        .bind("status", unit.status())
                        .bind("withoutPermit", unit.withoutPermit())
                        .bind("sourceType", unit.sourceType())
                        .bind("positiveList", unit.positiveList())
                        .bind("version", unit.version())
                        .bind(
                                "changedAt",
                                unit.changedAt() == null
                                        ? io.r2dbc.spi.Parameters.in(OffsetDateTime.class)
                                        : unit.changedAt())
                        .then());
    }

    /**
     * Prepares a rebuild: forgets which events were applied and clears the version guard, so replaying the
     * topic from its start rewrites every row. Rows stay in place (draws keep working during the replay and
     * {@code last_inspected_at} is kept).
     */
    Mono<Long> resetForReplay() {
        return db.sql("DELETE FROM processed_event WHERE consumer = :consumer")
                .bind("consumer", CONSUMER)
                .fetch()
                .rowsUpdated()
                .then(db.sql("UPDATE directory_unit SET version = NULL").fetch().rowsUpdated());
    }

    private static Object nullable(String value) {
        return value == null ? io.r2dbc.spi.Parameters.in(String.class) : value;
    }

    /** A snapshot that cannot be stored is a poison record: IllegalArgumentException sends it to the DLT. */
    static void validate(DirectoryUnitSnapshot unit) {
        require(unit.permitNo() != null && !unit.permitNo().isBlank(), "permitNo is required");
        require(unit.unitName() != null && !unit.unitName().isBlank(), "unitName is required");
        require(DivisionCode.isValid(unit.countyCode()), "countyCode must be a 6-digit division code");
        require(DivisionCode.isValid(unit.cityCode()), "cityCode must be a 6-digit division code");
        require(
                unit.keyIndustry() != null
                        && unit.managementCategory() != null
                        && unit.status() != null
                        && unit.sourceType() != null,
                "keyIndustry, managementCategory, status and sourceType are required");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("unusable directory snapshot: " + message);
        }
    }
}
