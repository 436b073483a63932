package org.permitwatch.reporting.plan;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permitwatch.events.inspection.PlanPublished;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.permitwatch.reporting.catalog.DivisionNames;
import org.permitwatch.reporting.catalog.ReportingProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest published plan of a city and year, from {@code rm_plan}, laid out as 附件3: always the seed's seven
 * industry rows in the seed's order plus 其他 (8 groups, 序号 1–8), whatever the plan holds. An industry the plan has no
 * row for shows one row of zeros ("未列入计划"); an industry with several rows (one per inspection category) shows them
 * all under its 序号; a row of an industry outside the seven (or of an unknown code) falls into 其他.
 */
@Component
class PlanQuery {

    private static final Map<String, String> CATEGORY =
            Map.of("NON_SITE", "非现场监管", "ON_SITE", "现场执法检查", "DOUBLE_RANDOM", "“双随机、一公开”检查");
    private static final Map<String, String> METHOD = Map.of("CENSUS", "普查", "SAMPLING", "抽查", "SPECIAL", "专项检查");
    private static final Map<String, String> PERIOD = Map.of("YEAR", "每年", "QUARTER", "每季", "MONTH", "每月");

    /** 检查类别 of an industry row the plan does not contain. */
    static final String NOT_PLANNED = "未列入计划";

    private final DatabaseClient db;
    private final JsonMapper json;
    private final DivisionNames names;
    private final ReportingProperties properties;

    PlanQuery(DatabaseClient db, JsonMapper json, DivisionNames names, ReportingProperties properties) {
        this.db = db;
        this.json = json;
        this.names = names;
        this.properties = properties;
    }

    Mono<PlanTable> latest(String cityCode, int year) {
        return db.sql("""
                        SELECT plan_id, city_code, year, title, start_month, published_at, rows::text AS rows
                        FROM rm_plan WHERE city_code = :city AND year = :year
                        ORDER BY published_at DESC, plan_id LIMIT 1""")
                .bind("city", cityCode)
                .bind("year", year)
                .map(this::table)
                .one();
    }

    private PlanTable table(Readable r) {
        List<PlanPublished.Row> rows = new ArrayList<>(
                json.readValue(r.get("rows", String.class), new TypeReference<List<PlanPublished.Row>>() {}));
        rows.sort(Comparator.comparing((PlanPublished.Row row) -> KeyIndustry.parse(row.keyIndustry()))
                .thenComparingInt(PlanPublished.Row::rowNo));
        List<PlanTable.Row> out = new ArrayList<>();
        for (KeyIndustry industry : KeyIndustry.values()) {
            int no = industry.ordinal() + 1;
            List<PlanPublished.Row> ofIndustry = rows.stream()
                    .filter(row -> KeyIndustry.parse(row.keyIndustry()) == industry)
                    .toList();
            if (ofIndustry.isEmpty()) {
                out.add(new PlanTable.Row(
                        no,
                        industry.name(),
                        industry.label(),
                        false,
                        NOT_PLANNED,
                        "",
                        "",
                        "0%",
                        "",
                        "",
                        "",
                        "",
                        "",
                        0,
                        0,
                        List.copyOf(java.util.Collections.nCopies(12, 0))));
            }
            for (PlanPublished.Row row : ofIndustry) {
                List<Integer> months = new ArrayList<>(java.util.Collections.nCopies(12, 0));
                row.months().stream()
                        .filter(m -> m.month() >= 1 && m.month() <= 12)
                        .forEach(m -> months.set(m.month() - 1, m.plannedUnits()));
                out.add(new PlanTable.Row(
                        no,
                        industry.name(),
                        industry.label(),
                        true,
                        CATEGORY.getOrDefault(row.category(), row.category()),
                        METHOD.getOrDefault(row.method(), row.method()),
                        row.doubleRandom() ? "是" : "否",
                        percent(row.ratio()),
                        PERIOD.getOrDefault(row.frequencyPeriod(), row.frequencyPeriod()) + row.frequencyTimes() + "次",
                        row.contentDaily(),
                        row.contentSpecial(),
                        row.operatingMethod(),
                        String.join("、", row.cooperatingAgencies()),
                        row.denominator(),
                        row.unitsPerRound(),
                        months));
            }
        }
        String city = r.get("city_code", String.class);
        return new PlanTable(
                properties.planTitle(),
                r.get("plan_id", UUID.class),
                city,
                names.nameOf(city),
                r.get("year", Integer.class),
                r.get("title", String.class),
                r.get("start_month", Integer.class),
                r.get("published_at", OffsetDateTime.class),
                out);
    }

    /** 0.05 → "5%", 0.125 → "12.5%". */
    static String percent(BigDecimal ratio) {
        if (ratio == null) {
            return "";
        }
        return ratio.multiply(BigDecimal.valueOf(100))
                        .setScale(2, RoundingMode.HALF_UP)
                        .stripTrailingZeros()
                        .toPlainString()
                + "%";
    }
}
