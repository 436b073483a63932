package org.permitwatch.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8's reporting part: what the campaign did (drawn units inspected, the exceedances and the ledger finding,
 * the fine and the no-penalty, the rectification) must appear in reporting-service's summary table (JSON, XLSX,
 * CSV), the province's monthly dispatch, the unit's history and the public pages. Every expected figure is added up
 * here from what the campaign created (the same sums as scripts/demo-reporting.sh). Reporting is eventually
 * consistent: every read is polled until it matches or {@link #TIMEOUT} passes, and a failure lists the differences.
 */
final class Reports {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** The seed's ten violation-type columns, in order (附件1). */
    static final List<String> TYPE_LABELS = List.of(
            "无证排污",
            "未按许可的排放口排放",
            "超标排放",
            "污染防治设施不正常运行",
            "无组织排放",
            "未落实减排要求",
            "自行监测数据作假",
            "环境管理台账记录不全",
            "排污许可证执行报告不规范",
            "信息公开不落实");

    /**
     * County-level divisions of 太原市 in reporting's division data (小店区 … 古交市): a city's 附件1 lists every one of
     * them, a county without activity as one row of zeros (issue 12.5).
     */
    static final int TAIYUAN_COUNTIES = 10;

    /** One expected summary row (county × COKING). */
    static final class Expected {
        int inspections;
        int exceedances;
        int ledger;
        long fineYuan;
        int rectifiedUnits;
        int noPenalty;
    }

    private final Campaign c;
    private final Enforcement.Outcome e;

    Reports(Campaign campaign) {
        this.c = campaign;
        this.e = campaign.enforcement;
    }

    void run() {
        assertThat(e.followUpRecord).as("the enforcement step ran").isNotNull();
        // Expected rows by county: one record per drawn unit, the follow-up record of the scenario unit, one
        // exceedance per exceeding unit, the scenario's ledger finding, fine, no-penalty and rectified unit.
        Map<String, Expected> rows = new TreeMap<>();
        Map<String, String> countyOf = new LinkedHashMap<>();
        for (String permit : c.tasks.keySet()) {
            String county = c.directory.unit(c.city(), permit).get("countyCode").asString();
            countyOf.put(permit, county);
            Expected row = rows.computeIfAbsent(county, k -> new Expected());
            row.inspections++;
            if (c.exceeding.contains(permit)) {
                row.exceedances++;
            }
        }
        Expected scenario = rows.get(countyOf.get(c.scenarioPermit));
        scenario.inspections++;
        scenario.ledger++;
        scenario.fineYuan += Enforcement.FINE_YUAN;
        scenario.rectifiedUnits = 1;
        scenario.noPenalty = 1;
        int inspections = c.tasks.size() + 1;
        int exceedances = c.exceeding.size();
        String fineWan = wan(Enforcement.FINE_YUAN);

        LocalDate from = OffsetDateTime.parse(
                        c.recordBody(null, null, false).get("inspectedAt").asString())
                .atZoneSameInstant(Campaign.BEIJING)
                .toLocalDate();
        LocalDate to = LocalDate.now(Campaign.BEIJING);
        String summaryPath = "/api/v1/reports/summary?from=" + from + "&to=" + to + "&division=" + Campaign.CITY;

        // 1. JSON.
        JsonNode summary = poll("the summary table of Taiyuan", () -> c.gateway.get(summaryPath, c.city()), s -> {
            List<String> problems = new ArrayList<>();
            JsonNode items = s.path("rows");
            // every county of the city: the active ones × COKING, the others one row of zeros without industry
            java.util.Set<String> regions = new java.util.TreeSet<>();
            int zeroRows = 0;
            for (JsonNode r : items) {
                regions.add(r.path("regionCode").asString());
                if (r.path("industry").isNull() || r.path("industry").isMissingNode()) {
                    zeroRows++;
                    if (rows.containsKey(r.path("regionCode").asString())
                            || r.path("inspections").asInt() != 0
                            || r.path("violationTotal").asInt() != 0) {
                        problems.add("zero row not zero: " + r);
                    }
                }
            }
            check(problems, "regions listed", regions.size(), TAIYUAN_COUNTIES);
            check(problems, "rows", items.size(), rows.size() + zeroRows);
            check(problems, "zero rows", zeroRows, TAIYUAN_COUNTIES - rows.size());
            rows.forEach((county, x) -> {
                List<JsonNode> matching = new ArrayList<>();
                items.forEach(r -> {
                    if (county.equals(r.path("regionCode").asString())
                            && "COKING".equals(r.path("industry").asString())) {
                        matching.add(r);
                    }
                });
                if (matching.size() != 1) {
                    problems.add(county + " × COKING: " + matching.size() + " rows");
                    return;
                }
                JsonNode r = matching.get(0);
                check(problems, county + " inspections", r.path("inspections").asInt(), x.inspections);
                check(
                        problems,
                        county + " 超标排放",
                        r.at("/violations/EXCEEDING_LIMITS").asInt(),
                        x.exceedances);
                check(
                        problems,
                        county + " 台账",
                        r.at("/violations/LEDGER_INCOMPLETE").asInt(),
                        x.ledger);
                check(
                        problems,
                        county + " violationTotal",
                        r.path("violationTotal").asInt(),
                        x.exceedances + x.ledger);
                check(problems, county + " sum of types", sum(r.path("violations")), x.exceedances + x.ledger);
                checkDecimal(problems, county + " fineWanYuan", r.path("fineWanYuan"), wan(x.fineYuan));
                check(
                        problems,
                        county + " rectificationDue",
                        r.path("rectificationDue").asInt(),
                        x.rectifiedUnits);
                check(
                        problems,
                        county + " rectificationDone",
                        r.path("rectificationDone").asInt(),
                        x.rectifiedUnits);
                check(
                        problems,
                        county + " rectificationStatus",
                        r.path("rectificationStatus").asString(),
                        status(x));
                check(
                        problems,
                        county + " rectificationComplete",
                        r.path("rectificationComplete").asString(),
                        x.rectifiedUnits > 0 ? "是" : "—");
                String remarks =
                        r.path("remarks").isNull() ? "" : r.path("remarks").asString("");
                if (x.noPenalty > 0 ? !remarks.contains("依法不予处罚" + x.noPenalty + "件") : remarks.contains("不予处罚")) {
                    problems.add(county + " remarks: " + remarks);
                }
            });
            JsonNode total = s.path("total");
            check(problems, "total inspections", total.path("inspections").asInt(), inspections);
            check(
                    problems,
                    "total 超标排放",
                    total.at("/violations/EXCEEDING_LIMITS").asInt(),
                    exceedances);
            check(
                    problems,
                    "total 台账",
                    total.at("/violations/LEDGER_INCOMPLETE").asInt(),
                    1);
            check(problems, "total violationTotal", total.path("violationTotal").asInt(), exceedances + 1);
            checkDecimal(problems, "total fineWanYuan", total.path("fineWanYuan"), fineWan);
            check(
                    problems,
                    "total rectificationDue",
                    total.path("rectificationDue").asInt(),
                    1);
            check(
                    problems,
                    "total rectificationDone",
                    total.path("rectificationDone").asInt(),
                    1);
            return problems;
        });
        assertThat(summary.path("divisionName").asString()).isEqualTo("太原市");
        assertThat(summary.path("fillDate").asString())
                .isEqualTo(LocalDate.now(Campaign.BEIJING).toString());
        assertThat(summary.path("countingUnit").asString()).startsWith("计数单位：");
        int sheetRows = summary.path("rows").size();

        // 2. XLSX, read back with POI: title, 填报单位, the merged 违法问题类型 header over the ten types, the rows.
        Api.Download xlsx = c.gateway.download(summaryPath + "&format=xlsx", c.city());
        assertThat(xlsx.status())
                .as("XLSX: %s %s", xlsx.status(), xlsx.contentType())
                .isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(text(sheet, 0, 0)).isEqualTo("山西省排污许可执法检查情况汇总表");
            assertThat(text(sheet, 1, 0)).isEqualTo("填报单位：太原市");
            assertThat(text(sheet, 1, 13)).startsWith("填报日期：");
            assertThat(text(sheet, 2, 0)).startsWith("时间：");
            assertThat(text(sheet, 3, 3)).isEqualTo("违法问题类型");
            assertThat(sheet.getMergedRegions()).as("merged regions").contains(new CellRangeAddress(3, 3, 3, 12));
            List<String> subHeaders = new ArrayList<>();
            for (int col = 3; col <= 12; col++) {
                subHeaders.add(text(sheet, 4, col));
            }
            assertThat(subHeaders).isEqualTo(TYPE_LABELS);
            assertThat(List.of(
                            text(sheet, 3, 0),
                            text(sheet, 3, 1),
                            text(sheet, 3, 2),
                            text(sheet, 3, 13),
                            text(sheet, 3, 14)))
                    .containsExactly("序号", "区域", "行业类别", "罚款金额（万元）", "整改完成情况");
            assertThat(sheet.getLastRowNum())
                    .as("title, 2 meta rows, 2 header rows, %s rows, 合计, note", sheetRows)
                    .isEqualTo(5 + sheetRows + 1);
            assertThat(text(sheet, 5 + sheetRows + 1, 0)).startsWith("注：计数单位：");
            Row scenarioRow = null;
            for (int r = 5; r < 5 + sheetRows; r++) {
                if (status(scenario).equals(text(sheet, r, 14))) {
                    assertThat(scenarioRow).as("one row with the rectification").isNull();
                    scenarioRow = sheet.getRow(r);
                }
            }
            assertThat(scenarioRow).as("the scenario county's row").isNotNull();
            assertThat(scenarioRow.getCell(5).getNumericCellValue()).as("超标排放").isEqualTo(scenario.exceedances);
            assertThat(scenarioRow.getCell(10).getNumericCellValue())
                    .as("环境管理台账记录不全")
                    .isEqualTo(1);
            assertThat(BigDecimal.valueOf(scenarioRow.getCell(13).getNumericCellValue()))
                    .isEqualByComparingTo(fineWan);
            assertThat(scenarioRow.getCell(15).getStringCellValue()).isEqualTo("是");
            Row totalRow = sheet.getRow(5 + sheetRows);
            assertThat(totalRow.getCell(5).getNumericCellValue()).as("合计 超标排放").isEqualTo(exceedances);
            assertThat(totalRow.getCell(10).getNumericCellValue()).as("合计 台账").isEqualTo(1);
            assertThat(BigDecimal.valueOf(totalRow.getCell(13).getNumericCellValue()))
                    .isEqualByComparingTo(fineWan);
        } catch (IOException ex) {
            throw new AssertionError("the XLSX does not open: " + ex, ex);
        }

        // 3. CSV: BOM, CRLF, header + rows + 合计 + the note + 填报单位/时间/填报日期, the fine with four decimals.
        Api.Reply csv = c.gateway.get(summaryPath + "&format=csv", c.city());
        assertThat(csv.status()).as("CSV: %s", csv).isEqualTo(200);
        assertThat(csv.body()).startsWith("\uFEFF").contains("\r\n").contains(fineWan);
        List<String> lines = Arrays.stream(csv.body().substring(1).split("\r\n"))
                .filter(l -> !l.isBlank())
                .toList();
        assertThat(lines).hasSize(sheetRows + 4);
        assertThat(lines.get(0)).contains("超标排放", "环境管理台账记录不全");
        assertThat(lines.get(lines.size() - 3)).contains("合计");
        assertThat(lines.get(lines.size() - 2)).startsWith("注：计数单位：");
        assertThat(lines.get(lines.size() - 1)).startsWith("填报单位：太原市,").contains("填报日期：");

        // 4. The province's monthly dispatch: all eleven cities, Taiyuan's row.
        int followUpInMonth = Campaign.MONTH.equals(e.followUpDue.toString().substring(0, 7)) ? 1 : 0;
        // Tasks of the month: the drawn ones, the follow-up when it falls in the month, and the clue's task when its
        // month is this one (inspection-service decides it; the database is the witness).
        long clueTasks = c.db.count(
                "inspection",
                "SELECT count(*) FROM inspection_task WHERE city_code = ? AND origin = 'CLUE' "
                        + "AND period_month = ?",
                Campaign.CITY,
                Campaign.MONTH);
        long planned = c.tasks.size() + followUpInMonth + clueTasks;
        long done = c.tasks.size() + followUpInMonth;
        poll(
                "the province's dispatch, Taiyuan's row",
                () -> c.gateway.get("/api/v1/reports/dispatch?month=" + Campaign.MONTH, c.province()),
                d -> {
                    List<String> problems = new ArrayList<>();
                    check(problems, "city rows", d.path("rows").size(), 11);
                    JsonNode row = null;
                    for (JsonNode r : d.path("rows")) {
                        if (Campaign.CITY.equals(r.path("divisionCode").asString())) {
                            row = r;
                        }
                    }
                    if (row == null) {
                        problems.add("no row of 140100");
                        return problems;
                    }
                    check(problems, "tasksPlanned", row.path("tasksPlanned").asLong(), planned);
                    check(problems, "tasksDone", row.path("tasksDone").asLong(), done);
                    check(problems, "inspections", row.path("inspections").asInt(), inspections);
                    check(problems, "findings", row.path("findings").asInt(), exceedances + 1);
                    check(problems, "casesOpened", row.path("casesOpened").asInt(), 2);
                    checkDecimal(problems, "fineWanYuan", row.path("fineWanYuan"), fineWan);
                    check(
                            problems,
                            "rectificationsOrdered",
                            row.path("rectificationsOrdered").asInt(),
                            2);
                    check(
                            problems,
                            "rectificationsCompleted",
                            row.path("rectificationsCompleted").asInt(),
                            2);
                    return problems;
                });

        // 5. The scenario unit's history: two inspections, two violations, two closed cases, the fine, no open order.
        poll(
                "the history of " + c.scenarioPermit,
                () -> c.gateway.get("/api/v1/reports/units/" + c.scenarioPermit, c.city()),
                h -> {
                    List<String> problems = new ArrayList<>();
                    check(problems, "inspections", h.at("/totals/inspections").asInt(), 2);
                    check(problems, "violations", h.at("/totals/violations").asInt(), 2);
                    check(problems, "cases", h.at("/totals/cases").asInt(), 2);
                    checkDecimal(problems, "fineYuan", h.at("/totals/fineYuan"), String.valueOf(Enforcement.FINE_YUAN));
                    check(
                            problems,
                            "openRectifications",
                            h.at("/totals/openRectifications").asInt(),
                            0);
                    List<String> kinds = new ArrayList<>();
                    List<String> rectifications = new ArrayList<>();
                    h.path("cases").forEach(k -> {
                        if (k.path("closedAt").isNull() || k.path("closedAt").isMissingNode()) {
                            problems.add("case not closed: " + k);
                        }
                        k.path("penalties")
                                .forEach(p -> kinds.add(p.path("kind").asString()));
                        k.path("rectifications")
                                .forEach(
                                        r -> rectifications.add(r.path("status").asString()));
                    });
                    check(problems, "penalties", kinds.stream().sorted().toList(), List.of("FINE", "NO_PENALTY"));
                    check(problems, "rectifications", rectifications, List.of("COMPLETED", "COMPLETED"));
                    check(problems, "quarters", h.path("quarters").size(), 12);
                    check(
                            problems,
                            "this quarter",
                            h.path("quarters")
                                    .path(h.path("quarters").size() - 1)
                                    .path("status")
                                    .asString(),
                            "VIOLATION");
                    return problems;
                });

        // 6. The public pages, without a token: the published draw and every inspection of its units this month.
        JsonNode draws = poll(
                "the public draws",
                () -> c.gateway.get(
                        "/api/v1/public/draws?city=" + Campaign.CITY + "&month=" + Campaign.MONTH + "&size=100", null),
                p -> {
                    List<String> problems = new ArrayList<>();
                    JsonNode draw = null;
                    for (JsonNode d : p.path("items")) {
                        if (c.drawId.equals(d.path("drawId").asString())) {
                            draw = d;
                        }
                    }
                    if (draw == null) {
                        problems.add("draw " + c.drawId + " not public");
                        return problems;
                    }
                    List<String> units = new ArrayList<>();
                    draw.path("units")
                            .forEach(u -> units.add(u.path("permitNumber").asString()));
                    check(
                            problems,
                            "drawn units",
                            units.stream().sorted().toList(),
                            c.tasks.keySet().stream().sorted().toList());
                    return problems;
                });
        JsonNode inspectionsPage = poll(
                "the public inspections",
                () -> c.gateway.get(
                        "/api/v1/public/inspections?city=" + Campaign.CITY + "&month=" + Campaign.MONTH + "&size=200",
                        null),
                p -> {
                    List<String> problems = new ArrayList<>();
                    check(problems, "inspection results", p.path("items").size(), inspections);
                    Map<String, List<String>> results = new TreeMap<>();
                    for (JsonNode i : p.path("items")) {
                        String permit = i.path("permitNumber").asString();
                        List<String> types = new ArrayList<>();
                        i.path("violationTypes").forEach(t -> types.add(t.asString()));
                        String line = i.path("result").asString() + " " + types + " "
                                + i.path("rectification").asString();
                        if (e.followUpRecord.equals(i.path("recordId").asString())) {
                            check(problems, "follow-up record", line, "COMPLIANT [] NONE");
                            continue;
                        }
                        results.computeIfAbsent(permit, k -> new ArrayList<>()).add(line);
                    }
                    Map<String, List<String>> expected = new TreeMap<>();
                    for (String permit : c.tasks.keySet()) {
                        String line = permit.equals(c.scenarioPermit)
                                ? "NON_COMPLIANT [超标排放, 环境管理台账记录不全] COMPLETED"
                                : c.exceeding.contains(permit) ? "NON_COMPLIANT [超标排放] NONE" : "COMPLIANT [] NONE";
                        expected.put(permit, List.of(line));
                    }
                    check(problems, "results per unit", results, expected);
                    return problems;
                });
        String pub = draws.toString() + inspectionsPage;
        assertThat(pub)
                .as("public pages carry no phone number")
                .doesNotContainPattern("(^|[^0-9A-Za-z])1[3-9][0-9]{9}([^0-9A-Za-z]|$)");
        assertThat(pub).as("no e-mail").doesNotContain("@");
        assertThat(pub).as("no inspector name").doesNotContain("执法员");
        assertThat(pub.toLowerCase()).as("no inspector data").doesNotContain("inspector");
        for (String id : c.inspectorIds) {
            assertThat(pub).as("inspector id").doesNotContain(id);
        }
        for (String actor : List.of(
                "submittedBy", "openedBy", "decidedBy", "verifiedBy", "publishedBy", "createdBy", c.citySubject())) {
            assertThat(pub).as("actor %s on the public pages", actor).doesNotContain(actor);
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** 万元 with four decimals, HALF_UP (docs/reporting.md). */
    static String wan(long yuan) {
        return BigDecimal.valueOf(yuan)
                .divide(BigDecimal.valueOf(10_000), 4, RoundingMode.HALF_UP)
                .toPlainString();
    }

    private static String status(Expected x) {
        return x.rectifiedUnits > 0 ? "应整改" + x.rectifiedUnits + "家，已完成" + x.rectifiedUnits + "家" : "无需整改";
    }

    private static int sum(JsonNode counts) {
        int total = 0;
        for (JsonNode n : counts) {
            total += n.asInt();
        }
        return total;
    }

    private static void check(List<String> problems, String what, Object actual, Object expected) {
        if (!expected.equals(actual)) {
            problems.add(what + ": " + actual + " ≠ " + expected);
        }
    }

    private static void checkDecimal(List<String> problems, String what, JsonNode actual, String expected) {
        if (actual.isMissingNode()
                || actual.isNull()
                || new BigDecimal(actual.asString()).compareTo(new BigDecimal(expected)) != 0) {
            problems.add(what + ": " + actual + " ≠ " + expected);
        }
    }

    private static String text(Sheet sheet, int row, int col) {
        Row r = sheet.getRow(row);
        return r == null || r.getCell(col) == null ? null : r.getCell(col).getStringCellValue();
    }

    /** Polls the read until {@code problems} finds none; fails with the last differences and body. */
    static JsonNode poll(String what, Supplier<Api.Reply> read, Function<JsonNode, List<String>> problems) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Api.Reply last = null;
        List<String> lastProblems = List.of();
        while (System.nanoTime() < deadline) {
            last = read.get();
            if (last.status() == 200) {
                JsonNode body = last.json();
                lastProblems = problems.apply(body);
                if (lastProblems.isEmpty()) {
                    return body;
                }
            } else {
                lastProblems = List.of("status " + last.status());
            }
            Api.sleep(1000);
        }
        throw new AssertionError(
                "not within " + TIMEOUT + ": " + what + ": " + lastProblems + "\nlast answer: " + last);
    }
}
