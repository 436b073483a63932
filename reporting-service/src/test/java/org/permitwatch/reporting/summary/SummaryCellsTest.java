package org.permitwatch.reporting.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.permitwatch.events.vocabulary.ViolationType;

/**
 * 附件1's arithmetic without a database: every figure below is worked out by hand from the cells fed in.
 *
 * <pre>
 * 小店区 140105  焦化: 3 inspections; 超标 2 new + 1 continuing; 台账 1; fines 200,000 + 0.5 yuan, 1 不予处罚;
 *                      rectification 2 units due, 1 done, 1 overdue
 *                水泥: 1 inspection; 无证 1; fine 1,234,567.89 yuan; 1 unit due, 1 done
 * 迎泽区 140106  (nothing: a row of zeros, 行业类别 —)
 * 杏花岭区 140107 火电: 2 inspections, nothing found
 * </pre>
 */
class SummaryCellsTest {

    static final String XIAODIAN = "140105";
    static final String YINGZE = "140106";
    static final String XINGHUALING = "140107";
    static final Map<String, String> NAMES = Map.of(XIAODIAN, "小店区", YINGZE, "迎泽区", XINGHUALING, "杏花岭区");

    SummaryCells.Rows table() {
        SummaryCells cells = new SummaryCells();
        // fed out of order, as the four queries would: the rows come out by region code, then plan-table order
        cells.inspections(XINGHUALING, KeyIndustry.THERMAL_POWER, 2);
        cells.inspections(XIAODIAN, KeyIndustry.CEMENT, 1);
        cells.inspections(XIAODIAN, KeyIndustry.COKING, 3);
        cells.violations(XIAODIAN, KeyIndustry.COKING, ViolationType.EXCEEDING_LIMITS, 2, 1);
        cells.violations(XIAODIAN, KeyIndustry.COKING, ViolationType.LEDGER_INCOMPLETE, 1, 0);
        cells.violations(XIAODIAN, KeyIndustry.CEMENT, ViolationType.UNPERMITTED_DISCHARGE, 1, 0);
        cells.fines(XIAODIAN, KeyIndustry.COKING, new BigDecimal("200000.50"), 1);
        cells.fines(XIAODIAN, KeyIndustry.CEMENT, new BigDecimal("1234567.89"), 0);
        cells.rectifications(XIAODIAN, KeyIndustry.COKING, 2, 1, 1);
        cells.rectifications(XIAODIAN, KeyIndustry.CEMENT, 1, 1, 0);
        return cells.rows(List.of(XIAODIAN, YINGZE, XINGHUALING), NAMES::get);
    }

    @Test
    void rowsByRegionThenPlanTableOrderWithAZeroRowForARegionWithoutActivity() {
        List<SummaryTable.Row> rows = table().rows();
        // 小店 焦化 (COKING before CEMENT in the plan table), 小店 水泥, 迎泽 (zeros), 杏花岭 火电
        assertThat(rows).extracting(SummaryTable.Row::no).containsExactly(1, 2, 3, 4);
        assertThat(rows)
                .extracting(SummaryTable.Row::region, SummaryTable.Row::industryLabel)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("小店区", "焦化"),
                        org.assertj.core.groups.Tuple.tuple("小店区", "水泥"),
                        org.assertj.core.groups.Tuple.tuple("迎泽区", "—"),
                        org.assertj.core.groups.Tuple.tuple("杏花岭区", "火电"));
        SummaryTable.Row zero = rows.get(2);
        assertThat(zero.industry()).isNull();
        assertThat(zero.inspections()).isZero();
        assertThat(zero.violationTotal()).isZero();
        assertThat(zero.violations())
                .hasSize(10)
                .allSatisfy((type, n) -> assertThat(n).isZero());
        assertThat(zero.fineWanYuan()).isEqualByComparingTo("0");
        assertThat(zero.rectificationStatus()).isEqualTo("无需整改");
        assertThat(zero.rectificationComplete()).isEqualTo("—");
        assertThat(zero.remarks()).isEmpty();
    }

    @Test
    void aRowCountsNewViolationsAndNamesContinuingOnesInTheRemarks() {
        SummaryTable.Row coking = table().rows().get(0);
        assertThat(coking.inspections()).isEqualTo(3);
        assertThat(coking.violations())
                .containsEntry("EXCEEDING_LIMITS", 2L)
                .containsEntry("LEDGER_INCOMPLETE", 1L)
                .containsEntry("UNPERMITTED_DISCHARGE", 0L);
        assertThat(coking.violations().keySet()).first().isEqualTo("UNPERMITTED_DISCHARGE"); // the seed's order
        assertThat(coking.violationTotal()).isEqualTo(3); // 2 + 1; the continuing one is not counted again
        assertThat(coking.continuingViolations()).isEqualTo(1);
        // 200,000.50 yuan = 20.00005 万元 → 4 decimals, half up: 20.0001
        assertThat(coking.fineWanYuan()).isEqualByComparingTo("20.0001");
        assertThat(coking.rectificationStatus()).isEqualTo("应整改2家，已完成1家");
        assertThat(coking.rectificationComplete()).isEqualTo("否");
        assertThat(coking.overdueUnits()).isEqualTo(1);
        assertThat(coking.remarks()).isEqualTo("逾期未整改1家；依法不予处罚1件；持续违法1起（复查发现，未重复计入）");

        SummaryTable.Row cement = table().rows().get(1);
        // 1,234,567.89 yuan = 123.456789 万元 → 123.4568
        assertThat(cement.fineWanYuan()).isEqualByComparingTo("123.4568");
        assertThat(cement.rectificationStatus()).isEqualTo("应整改1家，已完成1家");
        assertThat(cement.rectificationComplete()).isEqualTo("是");
        assertThat(cement.remarks()).isEmpty();
    }

    @Test
    void theTotalAddsTheRowsAndRoundsTheSumNotTheRoundedRows() {
        SummaryTable.Row total = table().total();
        assertThat(total.no()).isNull();
        assertThat(total.region()).isEqualTo("合计");
        assertThat(total.inspections()).isEqualTo(6); // 3 + 1 + 0 + 2
        assertThat(total.violationTotal()).isEqualTo(4); // 2 + 1 + 1
        assertThat(total.violations()).containsEntry("UNPERMITTED_DISCHARGE", 1L);
        assertThat(total.continuingViolations()).isEqualTo(1);
        // 200,000.50 + 1,234,567.89 = 1,434,568.39 yuan = 143.456839 万元 → 143.4568
        // (the rounded rows would add to 20.0001 + 123.4568 = 143.4569)
        assertThat(total.fineWanYuan()).isEqualByComparingTo("143.4568");
        assertThat(total.rectificationStatus()).isEqualTo("应整改3家，已完成2家");
        assertThat(total.rectificationComplete()).isEqualTo("否");
        assertThat(total.remarks()).isEqualTo("逾期未整改1家；依法不予处罚1件；持续违法1起（复查发现，未重复计入）");
    }

    @Test
    void aRegionOutsideTheListStillGetsItsRowAndARegionListedTwiceDoesNotGetAZeroRow() {
        SummaryCells cells = new SummaryCells();
        cells.inspections("140199", KeyIndustry.OTHER, 1); // a county the division list does not know
        cells.inspections(XIAODIAN, KeyIndustry.PAPER, 1);
        SummaryCells.Rows rows = cells.rows(List.of(XIAODIAN), code -> code);
        assertThat(rows.rows())
                .extracting(SummaryTable.Row::regionCode, SummaryTable.Row::industry)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(XIAODIAN, "PAPER"),
                        org.assertj.core.groups.Tuple.tuple("140199", "OTHER"));
        assertThat(rows.total().inspections()).isEqualTo(2);
    }
}
