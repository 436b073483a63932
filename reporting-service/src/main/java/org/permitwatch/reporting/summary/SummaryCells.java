package org.permitwatch.reporting.summary;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.permitwatch.events.vocabulary.ViolationType;
import org.permitwatch.reporting.catalog.WanYuan;

/**
 * The arithmetic of 附件1, apart from the queries that feed it: figures are added per region × industry cell, and
 * {@link #rows} lists every region of the division (a region without activity as one row of zeros), in region code
 * then plan-table order, numbers them, words the 整改完成情况 / 是否完成整改 / 备注 columns and adds the 合计 row.
 * Not thread-safe: one table at a time, filled sequentially.
 */
final class SummaryCells {

    /** 行业类别 of a region's zero row: no industry had anything to report. */
    static final String NO_INDUSTRY = "—";

    /** A region × industry cell group; {@code industry} null for the zero row of a region without activity. */
    private record Key(String region, KeyIndustry industry) {}

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::region)
            .thenComparing(Key::industry, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** The figures of one region × industry cell group. */
    private static final class Acc {
        long inspections;
        final Map<String, Long> violations = new LinkedHashMap<>();
        long continuing;
        BigDecimal fineYuan = BigDecimal.ZERO;
        long due;
        long done;
        long overdue;
        long noPenalty;

        Acc() {
            for (ViolationType t : ViolationType.values()) {
                violations.put(t.name(), 0L);
            }
        }

        void add(Acc o) {
            inspections += o.inspections;
            o.violations.forEach((k, v) -> violations.merge(k, v, Long::sum));
            continuing += o.continuing;
            fineYuan = fineYuan.add(o.fineYuan);
            due += o.due;
            done += o.done;
            overdue += o.overdue;
            noPenalty += o.noPenalty;
        }
    }

    /** The rows and the 合计 row. */
    record Rows(List<SummaryTable.Row> rows, SummaryTable.Row total) {}

    private final Map<Key, Acc> cells = new TreeMap<>(ORDER);

    private Acc cell(String region, KeyIndustry industry) {
        return cells.computeIfAbsent(new Key(region, industry), k -> new Acc());
    }

    void inspections(String region, KeyIndustry industry, long n) {
        cell(region, industry).inspections += n;
    }

    /** New violations of a type, and findings that continue an open case (counted apart, 持续违法). */
    void violations(String region, KeyIndustry industry, ViolationType type, long n, long continuing) {
        Acc a = cell(region, industry);
        a.violations.merge(type.name(), n, Long::sum);
        a.continuing += continuing;
    }

    void fines(String region, KeyIndustry industry, BigDecimal yuan, long noPenaltyDecisions) {
        Acc a = cell(region, industry);
        a.fineYuan = a.fineYuan.add(yuan);
        a.noPenalty += noPenaltyDecisions;
    }

    /** Units with a rectification ordered in the period, of them those all done, and those overdue and open. */
    void rectifications(String region, KeyIndustry industry, long dueUnits, long doneUnits, long overdueUnits) {
        Acc a = cell(region, industry);
        a.due += dueUnits;
        a.done += doneUnits;
        a.overdue += overdueUnits;
    }

    /**
     * @param regions every region the division's sheet lists whatever happened (its cities, its counties, itself)
     * @param nameOf  a region code's name
     */
    Rows rows(List<String> regions, UnaryOperator<String> nameOf) {
        Map<Key, Acc> all = new TreeMap<>(ORDER);
        all.putAll(cells);
        for (String region : regions) {
            if (all.keySet().stream().noneMatch(k -> k.region().equals(region))) {
                all.put(new Key(region, null), new Acc());
            }
        }
        List<SummaryTable.Row> rows = new ArrayList<>();
        Acc total = new Acc();
        int no = 0;
        for (Map.Entry<Key, Acc> e : all.entrySet()) {
            Key k = e.getKey();
            rows.add(row(
                    ++no,
                    k.region(),
                    nameOf.apply(k.region()),
                    k.industry() == null ? null : k.industry().name(),
                    k.industry() == null ? NO_INDUSTRY : k.industry().label(),
                    e.getValue()));
            total.add(e.getValue());
        }
        return new Rows(rows, row(null, null, "合计", null, "", total));
    }

    private static SummaryTable.Row row(
            Integer no, String regionCode, String region, String industry, String industryLabel, Acc a) {
        long violationTotal =
                a.violations.values().stream().mapToLong(Long::longValue).sum();
        String status = a.due == 0 ? "无需整改" : "应整改" + a.due + "家，已完成" + a.done + "家";
        String complete = a.due == 0 ? "—" : a.done == a.due ? "是" : "否";
        List<String> remarks = new ArrayList<>();
        if (a.overdue > 0) {
            remarks.add("逾期未整改" + a.overdue + "家");
        }
        if (a.noPenalty > 0) {
            remarks.add("依法不予处罚" + a.noPenalty + "件");
        }
        if (a.continuing > 0) {
            remarks.add("持续违法" + a.continuing + "起（复查发现，未重复计入）");
        }
        return new SummaryTable.Row(
                no,
                regionCode,
                region,
                industry,
                industryLabel,
                a.inspections,
                new LinkedHashMap<>(a.violations),
                violationTotal,
                a.continuing,
                WanYuan.of(a.fineYuan),
                a.due,
                a.done,
                status,
                complete,
                a.overdue,
                String.join("；", remarks));
    }
}
