package org.permitwatch.monitoring.storage;

import io.r2dbc.spi.Parameters;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.permitwatch.monitoring.hj212.DataCommand;
import org.permitwatch.monitoring.hj212.DataMessage;
import org.permitwatch.support.time.BureauClock;
import org.permitwatch.support.tx.WholeTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a batch of data messages (one Kafka poll) in one transaction, with one multi-row statement per table and
 * chunk: the series row per pollutant (the same MN + DataTime + pollutant in the same table is kept once: the first
 * arrival, also within the batch; a resend or a backfill of it changes nothing) and the latest value, moved only forward
 * in DataTime so an out-of-order or backfilled message never hides a newer one. Statement-per-value writing held about
 * 120 messages/s (docs/benchmarks.md), below 10,000 points' real-time rate.
 */
@Component
class ValueStore {

    /** Rows per statement: 9 parameters each stays far below PostgreSQL's 65,535 bind parameters. */
    static final int ROWS_PER_STATEMENT = 500;

    private static final String LATEST_HEAD =
            "INSERT INTO latest_value (mn, pollutant, cn, data_time, value, flag, received_at) VALUES ";
    // The same rule as the batch's own fold (Latest.replaces): newer DataTime wins, equal DataTime only for 2011.
    private static final String LATEST_TAIL = """
             ON CONFLICT (mn, pollutant) DO UPDATE SET cn = EXCLUDED.cn, data_time = EXCLUDED.data_time,
                value = EXCLUDED.value, flag = EXCLUDED.flag, received_at = EXCLUDED.received_at
            WHERE latest_value.data_time < EXCLUDED.data_time
               OR (latest_value.data_time = EXCLUDED.data_time AND EXCLUDED.cn = '2011')
            """;

    /** One message as read from the topic. */
    record Received(DataMessage message, OffsetDateTime receivedAt) {}

    /** What a batch wrote: series rows per CN (0 for resends and real-time data) and the messages too old to keep. */
    record Stored(Map<String, Long> rowsByCn, List<DataMessage> expired) {}

    private record SeriesKey(String mn, String pollutant, OffsetDateTime dataTime) {}

    private record Series(String mn, OffsetDateTime dataTime, DataMessage.Value value, OffsetDateTime receivedAt) {}

    private record LatestKey(String mn, String pollutant) {}

    private record Latest(
            String mn, String cn, OffsetDateTime dataTime, DataMessage.Value value, OffsetDateTime receivedAt) {

        /** Whether this later arrival replaces the earlier one: the SQL's forward-only WHERE, applied in memory. */
        boolean replaces(Latest earlier) {
            int order = dataTime.compareTo(earlier.dataTime);
            return order > 0 || (order == 0 && DataCommand.REALTIME.cn().equals(cn));
        }
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Partitions partitions;
    private final StorageProperties properties;
    private final BureauClock clock;

    ValueStore(
            DatabaseClient db,
            ReactiveTransactionManager transactions,
            Partitions partitions,
            StorageProperties properties,
            BureauClock clock) {
        this.db = db;
        this.tx = WholeTransactions.create(transactions);
        this.partitions = partitions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Stores the batch's messages in arrival order semantics (first arrival is the record) in one transaction. */
    Mono<Stored> store(List<Received> batch) {
        ZoneId zone = clock.zone();
        YearMonth oldestKept = clock.thisMonth();
        List<DataMessage> expired = new ArrayList<>();
        Set<Map.Entry<String, YearMonth>> months = new LinkedHashSet<>();
        Map<String, Map<SeriesKey, Series>> series = new LinkedHashMap<>();
        Map<LatestKey, Latest> latest = new LinkedHashMap<>();
        for (Received r : batch) {
            DataMessage m = r.message();
            OffsetDateTime dataTime = m.dataTime().atZone(zone).toOffsetDateTime();
            YearMonth month = YearMonth.from(m.dataTime());
            String table = m.command().table().orElse(null);
            if (table != null && month.isBefore(oldestKept.minusMonths(properties.retentionMonths(table) - 1L))) {
                expired.add(m);
                continue;
            }
            for (DataMessage.Value v : m.values()) {
                if (table != null) {
                    months.add(Map.entry(table, month));
                    series.computeIfAbsent(table, t -> new LinkedHashMap<>())
                            .putIfAbsent(
                                    new SeriesKey(m.mn(), v.pollutant(), dataTime),
                                    new Series(m.mn(), dataTime, v, r.receivedAt()));
                }
                Latest candidate = new Latest(m.mn(), m.command().cn(), dataTime, v, r.receivedAt());
                latest.merge(
                        new LatestKey(m.mn(), v.pollutant()),
                        candidate,
                        (earlier, later) -> later.replaces(earlier) ? later : earlier);
            }
        }
        // DDL outside the transaction: a partition created by a concurrent consumer must not roll back with ours.
        Mono<Void> created = Flux.fromIterable(months)
                .concatMap(e -> partitions.ensure(e.getKey(), e.getValue()))
                .then();
        Mono<Map<String, Long>> rows = Flux.fromIterable(series.entrySet())
                .concatMap(e -> insertSeries(
                                e.getKey(), List.copyOf(e.getValue().values()))
                        .map(n -> Map.entry(cnOf(e.getKey()), n)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMap(byCn -> upsertLatest(List.copyOf(latest.values())).thenReturn(byCn));
        return created.then(tx.transactional(rows)).map(byCn -> new Stored(byCn, List.copyOf(expired)));
    }

    private Mono<Long> insertSeries(String table, List<Series> all) {
        return Flux.fromIterable(chunks(all))
                .concatMap(chunk -> {
                    // table comes from DataCommand, never from the message text.
                    StringBuilder sql = new StringBuilder("INSERT INTO " + table
                            + " (mn, data_time, pollutant, avg, min, max, cou, flag, received_at) VALUES ");
                    for (int i = 0; i < chunk.size(); i++) {
                        sql.append(i == 0 ? "" : ",")
                                .append(
                                        "(:mn%1$d, :t%1$d, :p%1$d, :avg%1$d, :min%1$d, :max%1$d, :cou%1$d, :f%1$d, :r%1$d)"
                                                .formatted(i));
                    }
                    sql.append(" ON CONFLICT (mn, pollutant, data_time) DO NOTHING");
                    // One bindValues call: each bind(..) copies all earlier bindings (quadratic in a 4,500-value poll).
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 0; i < chunk.size(); i++) {
                        Series s = chunk.get(i);
                        values.put("mn" + i, s.mn());
                        values.put("t" + i, s.dataTime());
                        values.put("p" + i, s.value().pollutant());
                        values.put("avg" + i, s.value().avg());
                        values.put("min" + i, nullable(s.value().min()));
                        values.put("max" + i, nullable(s.value().max()));
                        values.put("cou" + i, nullable(s.value().cou()));
                        values.put("f" + i, s.value().flag());
                        values.put("r" + i, s.receivedAt());
                    }
                    return db.sql(sql.toString()).bindValues(values).fetch().rowsUpdated();
                })
                .reduce(0L, Long::sum);
    }

    /** One row per key (folded above): a key twice in one statement would fail ("cannot affect row a second time"). */
    private Mono<Void> upsertLatest(List<Latest> all) {
        return Flux.fromIterable(chunks(all))
                .concatMap(chunk -> {
                    StringBuilder sql = new StringBuilder(LATEST_HEAD);
                    for (int i = 0; i < chunk.size(); i++) {
                        sql.append(i == 0 ? "" : ",")
                                .append("(:mn%1$d, :p%1$d, :cn%1$d, :t%1$d, :v%1$d, :f%1$d, :r%1$d)".formatted(i));
                    }
                    sql.append(LATEST_TAIL);
                    // One bindValues call: each bind(..) copies all earlier bindings (quadratic in a 4,500-value poll).
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 0; i < chunk.size(); i++) {
                        Latest l = chunk.get(i);
                        values.put("mn" + i, l.mn());
                        values.put("p" + i, l.value().pollutant());
                        values.put("cn" + i, l.cn());
                        values.put("t" + i, l.dataTime());
                        values.put("v" + i, l.value().representative());
                        values.put("f" + i, l.value().flag());
                        values.put("r" + i, l.receivedAt());
                    }
                    return db.sql(sql.toString()).bindValues(values).then();
                })
                .then();
    }

    private static String cnOf(String table) {
        for (DataCommand c : DataCommand.values()) {
            if (c.table().filter(table::equals).isPresent()) {
                return c.cn();
            }
        }
        throw new IllegalArgumentException("no series table " + table);
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
            chunks.add(all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT)));
        }
        return chunks;
    }

    private static Object nullable(BigDecimal value) {
        return value == null ? Parameters.in(BigDecimal.class) : value;
    }
}
