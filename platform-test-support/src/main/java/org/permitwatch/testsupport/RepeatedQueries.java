package org.permitwatch.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when one unit of work ran the same {@code SELECT} more than {@link #LIMIT} times: the N+1 shape, a
 * query per row of a page or per item of a message where one query for all of them would do. A unit of work is what
 * Micrometer observes at the top: an HTTP request a service served, or a Kafka record (or batch) a listener handled.
 *
 * <p>How: in every test JVM with R2DBC, r2dbc-proxy wraps the connection factory and {@link RepeatedQueriesListener}
 * counts each statement under the root observation of the subscriber that ran it. Statements outside any observation
 * (pollers, start-up, a test's own set-up) are not counted. Same text means the same statement with other bind
 * values: what a loop of lookups produces.
 *
 * <p>Why {@code SELECT}s only: a write per item (an audit row, an outbox event per decision) is the domain's rule; a
 * read per row is the cost that grows with the page. Why a limit rather than "twice": a request may fairly read one
 * row twice (a check, then the write's own read); more than three runs of one statement is a loop. The check runs
 * after every test, like {@link NoBlockingCalls}, registered through JUnit's extension auto-detection. This class
 * names JDK and JUnit types only: system-test loads it without r2dbc-proxy or Micrometer on its class path.
 */
public class RepeatedQueries implements AfterEachCallback {

    /** The most times one unit of work may run one SELECT. */
    public static final int LIMIT = 3;

    private static final Map<Object, Unit> UNITS = new ConcurrentHashMap<>();

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> found = drain();
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " SELECT(s) repeated within one unit of work (N+1) during or "
                    + "before " + context.getDisplayName() + ":\n" + String.join("\n", found));
        }
    }

    /**
     * Counts one statement of a unit of work, identified by its root observation; the description is built on the
     * unit's first statement only.
     */
    static void record(Object unit, Supplier<String> description, String sql) {
        if (isSelect(sql)) {
            UNITS.computeIfAbsent(unit, u -> new Unit(description.get()))
                    .counts
                    .computeIfAbsent(sql, s -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    /** What repeated beyond the limit since the last call; forgets everything counted. Public for the check's tests. */
    public static List<String> drain() {
        List<String> found = new ArrayList<>();
        for (Object key : List.copyOf(UNITS.keySet())) {
            Unit unit = UNITS.remove(key);
            if (unit != null) {
                unit.counts.forEach((sql, count) -> {
                    if (count.get() > LIMIT) {
                        found.add("  " + count.get() + " x in " + unit.description + ": " + sql.strip());
                    }
                });
            }
        }
        return found;
    }

    /**
     * The SELECTs counted since the last {@link #drain()}, per unit of work (its description) and statement text.
     * For the check's tests, which show that a service's statements reach it.
     */
    public static Map<String, Map<String, Integer>> counted() {
        Map<String, Map<String, Integer>> counted = new HashMap<>();
        UNITS.values()
                .forEach(unit -> unit.counts.forEach(
                        (sql, count) -> counted.computeIfAbsent(unit.description, d -> new HashMap<>())
                                .merge(sql, count.get(), Integer::sum)));
        return counted;
    }

    /** A read: {@code SELECT …}, or a {@code WITH …} that writes nothing. */
    static boolean isSelect(String sql) {
        String lower = sql.stripLeading().toLowerCase(Locale.ROOT);
        return lower.startsWith("select")
                || (lower.startsWith("with")
                        && !lower.contains("insert ")
                        && !lower.contains("update ")
                        && !lower.contains("delete "));
    }

    private record Unit(String description, Map<String, AtomicInteger> counts) {
        Unit(String description) {
            this(description, new ConcurrentHashMap<>());
        }
    }
}
