package org.permitwatch.monitoring.storage;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The monthly partitions of {@code minute_value}, {@code hourly_value} and {@code daily_value}: named
 * {@code <table>_yyyymm}, bounded by the month's start in the bureau's zone. Created on demand before a value of a new
 * month is written (backfill of an older month), ahead by the scheduled maintenance, dropped after the retention.
 */
@Component
public class Partitions {

    public static final List<String> TABLES = List.of("minute_value", "hourly_value", "daily_value");
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMM");

    private final DatabaseClient db;
    private final ZoneId zone;
    /** Partitions known to exist: saves a DDL round trip per message. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    Partitions(DatabaseClient db, org.permitwatch.support.time.BureauClock clock) {
        this.db = db;
        this.zone = clock.zone();
    }

    public static String name(String table, YearMonth month) {
        return table + "_" + month.format(SUFFIX);
    }

    /** Creates the partition of that month unless it exists (safe to race: IF NOT EXISTS, then the cache). */
    public Mono<Void> ensure(String table, YearMonth month) {
        requireTable(table);
        String name = name(table, month);
        if (known.contains(name)) {
            return Mono.empty();
        }
        // Identifiers and bounds are built from the fixed table list and a YearMonth: nothing from outside.
        String ddl = "CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + table + " FOR VALUES FROM ('"
                + month.atDay(1).atStartOfDay(zone).toOffsetDateTime() + "') TO ('"
                + month.plusMonths(1).atDay(1).atStartOfDay(zone).toOffsetDateTime() + "')";
        return db.sql(ddl).then().doOnSuccess(v -> known.add(name));
    }

    /** The months that have a partition of this table, oldest first. */
    public Flux<YearMonth> months(String table) {
        requireTable(table);
        return db.sql("""
                        SELECT c.relname FROM pg_inherits i
                        JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                        WHERE p.relname = :table ORDER BY c.relname
                        """)
                .bind("table", table)
                .map(r -> r.get(0, String.class))
                .all()
                .map(n -> YearMonth.parse(n.substring(table.length() + 1), SUFFIX));
    }

    /** Drops that month's partition of the table with its values. */
    public Mono<Void> drop(String table, YearMonth month) {
        requireTable(table);
        String name = name(table, month);
        return db.sql("DROP TABLE IF EXISTS " + name).then().doOnSuccess(v -> known.remove(name));
    }

    private static void requireTable(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("no series table " + table);
        }
    }
}
