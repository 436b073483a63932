package org.permitwatch.reporting.monitoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.permitwatch.reporting.catalog.DivisionNames;
import org.permitwatch.support.security.DivisionCode;
import org.permitwatch.support.time.BureauClock;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One aggregate over {@code rm_alert} (source MONITORING): alerts raised in the period per region × industry, their
 * exceedances, their review outcome and the handling time raised → reviewed. An alert's latest state is what
 * AlertChanged last said; a reviewed alert's last event is its review (inspection-service publishes nothing for it
 * afterwards), so {@code changed_at} of a DISMISSED / TASKED / CASED row is when it was reviewed.
 */
@Component
class MonitoringAlertQuery {

    static final List<String> EXCEEDANCE_RULES = List.of("HOURLY_EXCEEDANCE", "DAILY_EXCEEDANCE");
    static final List<String> REVIEWED = List.of("DISMISSED", "TASKED", "CASED");

    private final DatabaseClient db;
    private final DivisionNames names;
    private final BureauClock clock;

    MonitoringAlertQuery(DatabaseClient db, DivisionNames names, BureauClock clock) {
        this.db = db;
        this.names = names;
        this.clock = clock;
    }

    Mono<MonitoringAlertReport> report(DivisionCode division, LocalDate from, LocalDate to) {
        String region = division.level() == DivisionCode.Level.PROVINCE ? "city_code" : "county_code";
        OffsetDateTime start = clock.startOf(from);
        OffsetDateTime end = clock.startOf(to.plusDays(1));
        return db.sql("""
                        SELECT %s AS region, key_industry,
                               count(*) AS alerts,
                               count(*) FILTER (WHERE rule IN ('HOURLY_EXCEEDANCE', 'DAILY_EXCEEDANCE')) AS exceedances,
                               count(*) FILTER (WHERE status = 'TASKED') AS tasked,
                               count(*) FILTER (WHERE status = 'CASED') AS cased,
                               count(*) FILTER (WHERE status = 'DISMISSED') AS dismissed,
                               count(*) FILTER (WHERE status = 'OPEN') AS open,
                               count(*) FILTER (WHERE status = 'RESOLVED') AS resolved,
                               coalesce(sum(extract(epoch FROM changed_at - raised_at))
                                        FILTER (WHERE status IN ('DISMISSED', 'TASKED', 'CASED')), 0) AS seconds,
                               max(extract(epoch FROM changed_at - raised_at))
                                        FILTER (WHERE status IN ('DISMISSED', 'TASKED', 'CASED')) AS max_seconds
                        FROM rm_alert
                        WHERE source = 'MONITORING' AND county_code LIKE :scope
                          AND raised_at >= :start AND raised_at < :end
                        GROUP BY 1, 2
                        ORDER BY 1, 2""".formatted(region))
                .bind("scope", division.likePattern())
                .bind("start", start)
                .bind("end", end)
                .fetch()
                .all()
                .collectList()
                .map(rows -> assemble(division, from, to, rows));
    }

    private MonitoringAlertReport assemble(
            DivisionCode division, LocalDate from, LocalDate to, List<Map<String, Object>> found) {
        List<MonitoringAlertReport.Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Counts total = new Counts();
        for (Map<String, Object> r : found) {
            String region = (String) r.get("region");
            seen.add(region);
            Counts c = Counts.of(r);
            total.add(c);
            KeyIndustry industry = KeyIndustry.parse((String) r.get("key_industry"));
            rows.add(c.row(region, names.nameOf(region), industry.name(), industry.label()));
        }
        for (String region : regions(division)) {
            if (!seen.contains(region)) {
                rows.add(new Counts().row(region, names.nameOf(region), null, "—"));
            }
        }
        rows.sort(java.util.Comparator.comparing(MonitoringAlertReport.Row::regionCode)
                .thenComparing(r -> r.industry() == null ? "" : r.industry()));
        return new MonitoringAlertReport(
                division.value(),
                names.nameOf(division.value()),
                from,
                to,
                rows,
                total.row(division.value(), names.nameOf(division.value()), null, "合计"));
    }

    private List<String> regions(DivisionCode division) {
        return switch (division.level()) {
            case PROVINCE -> names.cityCodes(division.value());
            case CITY -> names.countyCodes(division.value());
            case COUNTY -> List.of(division.value());
        };
    }

    /** Counts of one row, summable into the total (sums of seconds, so the total's average is over all alerts). */
    private static final class Counts {
        long alerts;
        long exceedances;
        long tasked;
        long cased;
        long dismissed;
        long open;
        long resolved;
        BigDecimal seconds = BigDecimal.ZERO;
        BigDecimal maxSeconds;

        static Counts of(Map<String, Object> r) {
            Counts c = new Counts();
            c.alerts = (Long) r.get("alerts");
            c.exceedances = (Long) r.get("exceedances");
            c.tasked = (Long) r.get("tasked");
            c.cased = (Long) r.get("cased");
            c.dismissed = (Long) r.get("dismissed");
            c.open = (Long) r.get("open");
            c.resolved = (Long) r.get("resolved");
            c.seconds = decimal(r.get("seconds"));
            c.maxSeconds = r.get("max_seconds") == null ? null : decimal(r.get("max_seconds"));
            return c;
        }

        void add(Counts o) {
            alerts += o.alerts;
            exceedances += o.exceedances;
            tasked += o.tasked;
            cased += o.cased;
            dismissed += o.dismissed;
            open += o.open;
            resolved += o.resolved;
            seconds = seconds.add(o.seconds);
            if (o.maxSeconds != null && (maxSeconds == null || o.maxSeconds.compareTo(maxSeconds) > 0)) {
                maxSeconds = o.maxSeconds;
            }
        }

        MonitoringAlertReport.Row row(String region, String name, String industry, String label) {
            long reviewed = tasked + cased + dismissed;
            BigDecimal average = reviewed == 0
                    ? null
                    : seconds.divide(BigDecimal.valueOf(3600L * reviewed), 1, RoundingMode.HALF_UP);
            BigDecimal max =
                    maxSeconds == null ? null : maxSeconds.divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
            return new MonitoringAlertReport.Row(
                    region,
                    name,
                    industry,
                    label,
                    alerts,
                    exceedances,
                    reviewed,
                    tasked,
                    cased,
                    dismissed,
                    open,
                    resolved,
                    average,
                    max);
        }

        private static BigDecimal decimal(Object o) {
            return o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
        }
    }
}
