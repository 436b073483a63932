package org.permitwatch.monitoring.storage;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import org.permitwatch.monitoring.hj212.DataMessage;
import org.permitwatch.support.time.BureauClock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes one data message's values in one transaction: the series row per pollutant (the same MN + DataTime +
 * pollutant in the same table is kept once: the first arrival; a resend or a backfill of it changes nothing) and the
 * latest value, moved only forward in DataTime so an out-of-order or backfilled message never hides a newer one.
 */
@Component
class ValueStore {

    private static final String LATEST = """
            INSERT INTO latest_value (mn, pollutant, cn, data_time, value, flag, received_at)
            VALUES (:mn, :pollutant, :cn, :dataTime, :value, :flag, :receivedAt)
            ON CONFLICT (mn, pollutant) DO UPDATE SET cn = EXCLUDED.cn, data_time = EXCLUDED.data_time,
                value = EXCLUDED.value, flag = EXCLUDED.flag, received_at = EXCLUDED.received_at
            WHERE latest_value.data_time < EXCLUDED.data_time
               OR (latest_value.data_time = EXCLUDED.data_time AND EXCLUDED.cn = '2011')
            """;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Partitions partitions;
    private final StorageProperties properties;
    private final BureauClock clock;

    ValueStore(
            DatabaseClient db,
            org.springframework.transaction.ReactiveTransactionManager transactions,
            Partitions partitions,
            StorageProperties properties,
            BureauClock clock) {
        this.db = db;
        this.tx = TransactionalOperator.create(transactions);
        this.partitions = partitions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @return the number of series rows written (0 for a message already stored, or real-time data), or -1 when the
     *     message is older than the table's retention and was not stored
     */
    Mono<Long> store(DataMessage message, OffsetDateTime receivedAt) {
        ZoneId zone = clock.zone();
        OffsetDateTime dataTime = message.dataTime().atZone(zone).toOffsetDateTime();
        YearMonth month = YearMonth.from(message.dataTime());
        String table = message.command().table().orElse(null);
        if (table != null && month.isBefore(clock.thisMonth().minusMonths(properties.retentionMonths(table) - 1L))) {
            return Mono.just(-1L);
        }
        Mono<Void> partition = table == null ? Mono.empty() : partitions.ensure(table, month);
        Mono<Long> rows = Flux.fromIterable(message.values())
                .concatMap(v -> series(table, message, dataTime, v, receivedAt)
                        .flatMap(n -> latest(message, dataTime, v, receivedAt).thenReturn(n)))
                .reduce(0L, Long::sum);
        // DDL outside the transaction: a partition created by a concurrent consumer must not roll back with ours.
        return partition.then(tx.transactional(rows));
    }

    private Mono<Long> series(
            String table, DataMessage message, OffsetDateTime dataTime, DataMessage.Value v, OffsetDateTime at) {
        if (table == null) {
            return Mono.just(0L);
        }
        // table comes from DataCommand, never from the message text.
        return db.sql("INSERT INTO " + table
                        + " (mn, data_time, pollutant, avg, min, max, cou, flag, received_at)"
                        + " VALUES (:mn, :dataTime, :pollutant, :avg, :min, :max, :cou, :flag, :receivedAt)"
                        + " ON CONFLICT (mn, pollutant, data_time) DO NOTHING")
                .bind("mn", message.mn())
                .bind("dataTime", dataTime)
                .bind("pollutant", v.pollutant())
                .bind("avg", v.avg())
                .bind("min", nullable(v.min()))
                .bind("max", nullable(v.max()))
                .bind("cou", nullable(v.cou()))
                .bind("flag", v.flag())
                .bind("receivedAt", at)
                .fetch()
                .rowsUpdated();
    }

    private Mono<Void> latest(DataMessage message, OffsetDateTime dataTime, DataMessage.Value v, OffsetDateTime at) {
        return db.sql(LATEST)
                .bind("mn", message.mn())
                .bind("pollutant", v.pollutant())
                .bind("cn", message.command().cn())
                .bind("dataTime", dataTime)
                .bind("value", v.representative())
                .bind("flag", v.flag())
                .bind("receivedAt", at)
                .then();
    }

    private static Object nullable(java.math.BigDecimal value) {
        return value == null ? io.r2dbc.spi.Parameters.in(java.math.BigDecimal.class) : value;
    }
}
