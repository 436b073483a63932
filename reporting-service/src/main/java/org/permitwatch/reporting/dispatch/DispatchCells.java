package org.permitwatch.reporting.dispatch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.permitwatch.reporting.catalog.WanYuan;

/**
 * The arithmetic of the dispatch report, apart from the queries that feed it: figures added per region, one row per
 * expected region in the given order (then any region the division list does not know, by code), and the 合计 row.
 * Liaison submissions are a city's duty: a province or city report shows them (zeros where none), a county's does not
 * (null). Not thread-safe: one report at a time, filled sequentially.
 */
final class DispatchCells {

    /** The figures of one region. */
    static final class Acc {
        long planned;
        long done;
        long inspections;
        long findings;
        long cases;
        BigDecimal fineYuan = BigDecimal.ZERO;
        long ordered;
        long completed;
        long overdue;
        long onTime;
        long late;
        long missing;

        void add(Acc o) {
            planned += o.planned;
            done += o.done;
            inspections += o.inspections;
            findings += o.findings;
            cases += o.cases;
            fineYuan = fineYuan.add(o.fineYuan);
            ordered += o.ordered;
            completed += o.completed;
            overdue += o.overdue;
            onTime += o.onTime;
            late += o.late;
            missing += o.missing;
        }
    }

    private final List<String> regions;
    private final boolean withSubmissions;
    private final Map<String, Acc> cells = new HashMap<>();

    /**
     * @param regions         the regions listed whatever happened, in this order
     * @param withSubmissions whether the report has the submission columns (not at county level)
     */
    DispatchCells(List<String> regions, boolean withSubmissions) {
        this.regions = List.copyOf(regions);
        this.withSubmissions = withSubmissions;
        regions.forEach(r -> cells.put(r, new Acc()));
    }

    /** The keys listed whatever happened, in their order. */
    List<String> expected() {
        return regions;
    }

    /** The region's figures, to add to. */
    Acc of(String region) {
        return cells.computeIfAbsent(region, k -> new Acc());
    }

    /** The rows and the 合计 row. */
    record Rows(List<DispatchReport.Row> rows, DispatchReport.Row total) {}

    Rows rows(UnaryOperator<String> nameOf) {
        List<String> keys = new ArrayList<>(regions);
        cells.keySet().stream().filter(k -> !regions.contains(k)).sorted().forEach(keys::add);
        List<DispatchReport.Row> rows = new ArrayList<>();
        Acc total = new Acc();
        for (String key : keys) {
            Acc a = cells.get(key);
            rows.add(row(key, nameOf.apply(key), a));
            total.add(a);
        }
        return new Rows(rows, row(null, "合计", total));
    }

    private DispatchReport.Row row(String code, String name, Acc a) {
        return new DispatchReport.Row(
                code,
                name,
                a.planned,
                a.done,
                a.inspections,
                a.findings,
                a.cases,
                WanYuan.of(a.fineYuan),
                a.ordered,
                a.completed,
                a.overdue,
                withSubmissions ? a.onTime : null,
                withSubmissions ? a.late : null,
                withSubmissions ? a.missing : null);
    }
}
