package org.permitwatch.reporting.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dispatch report's arithmetic without a database; every figure is worked out by hand from what is fed in. */
class DispatchCellsTest {

    static final String TAIYUAN = "140100";
    static final String DATONG = "140200";
    static final String YANGQUAN = "140300";
    static final Map<String, String> NAMES = Map.of(TAIYUAN, "太原市", DATONG, "大同市", YANGQUAN, "阳泉市");

    @Test
    void provinceRowsInTheGivenOrderZerosIncludedAndTheirTotal() {
        DispatchCells cells = new DispatchCells(List.of(TAIYUAN, DATONG, YANGQUAN), true);
        DispatchCells.Acc taiyuan = cells.of(TAIYUAN);
        taiyuan.planned = 12;
        taiyuan.done = 9;
        taiyuan.inspections = 10;
        taiyuan.findings = 4;
        taiyuan.cases = 3;
        taiyuan.fineYuan = new BigDecimal("150000.00");
        taiyuan.ordered = 3;
        taiyuan.completed = 1;
        taiyuan.overdue = 1;
        taiyuan.onTime = 2;
        taiyuan.late = 1;
        DispatchCells.Acc datong = cells.of(DATONG);
        datong.planned = 5;
        datong.done = 5;
        datong.inspections = 6;
        datong.fineYuan = new BigDecimal("33333.33");
        datong.missing = 3;

        DispatchCells.Rows rows = cells.rows(NAMES::get);

        assertThat(rows.rows()).extracting(DispatchReport.Row::name).containsExactly("太原市", "大同市", "阳泉市");
        DispatchReport.Row ty = rows.rows().get(0);
        assertThat(ty.fineWanYuan()).isEqualByComparingTo("15.0000"); // 150,000 yuan
        assertThat(ty.submissionsOnTime()).isEqualTo(2L);
        assertThat(ty.submissionsMissing()).isEqualTo(0L);
        DispatchReport.Row yq = rows.rows().get(2);
        assertThat(yq.tasksPlanned()).isZero();
        assertThat(yq.fineWanYuan()).isEqualByComparingTo("0");
        assertThat(yq.submissionsOnTime()).isEqualTo(0L); // a city with nothing submitted shows 0, not blank

        DispatchReport.Row total = rows.total();
        assertThat(total.divisionCode()).isNull();
        assertThat(total.name()).isEqualTo("合计");
        assertThat(total.tasksPlanned()).isEqualTo(17); // 12 + 5
        assertThat(total.tasksDone()).isEqualTo(14); // 9 + 5
        assertThat(total.inspections()).isEqualTo(16); // 10 + 6
        assertThat(total.findings()).isEqualTo(4);
        assertThat(total.casesOpened()).isEqualTo(3);
        // 150,000.00 + 33,333.33 = 183,333.33 yuan = 18.333333 万元 → 18.3333
        assertThat(total.fineWanYuan()).isEqualByComparingTo("18.3333");
        assertThat(total.rectificationsOrdered()).isEqualTo(3);
        assertThat(total.rectificationsCompleted()).isEqualTo(1);
        assertThat(total.overdueRectifications()).isEqualTo(1);
        assertThat(total.submissionsOnTime()).isEqualTo(2L);
        assertThat(total.submissionsLate()).isEqualTo(1L);
        assertThat(total.submissionsMissing()).isEqualTo(3L);
    }

    @Test
    void aCountyReportHasNoSubmissionColumns() {
        DispatchCells cells = new DispatchCells(List.of("140105"), false);
        cells.of("140105").inspections = 2;
        DispatchCells.Rows rows = cells.rows(code -> "小店区");
        assertThat(rows.rows()).singleElement().satisfies(r -> {
            assertThat(r.inspections()).isEqualTo(2);
            assertThat(r.submissionsOnTime()).isNull();
            assertThat(r.submissionsLate()).isNull();
            assertThat(r.submissionsMissing()).isNull();
        });
        assertThat(rows.total().submissionsOnTime()).isNull();
    }

    @Test
    void aRegionTheListDoesNotKnowIsListedAfterTheExpectedOnesByCode() {
        DispatchCells cells = new DispatchCells(List.of(DATONG, TAIYUAN), true);
        cells.of("149900").cases = 1;
        cells.of("149800").cases = 2;
        assertThat(cells.rows(code -> code).rows())
                .extracting(DispatchReport.Row::divisionCode)
                .containsExactly(DATONG, TAIYUAN, "149800", "149900");
    }
}
