package org.permitwatch.reporting.summary;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The summary table (附件1) of one division and period.
 *
 * @param title          the table's title
 * @param divisionCode   the reporting division (填报单位)
 * @param divisionName   its name
 * @param period         时间, e.g. 2027年6月1日至2027年6月30日
 * @param fillDate       填报日期: the day the table was produced, in the bureau's zone (not UTC)
 * @param countingUnit   计数单位: what one count of each column is, printed as the note under the table
 * @param violationTypes the ten column labels, in the seed's order
 * @param rows           one per region × industry with any activity in the period, region code then plan-table
 *                       order; every region of the division (every city of the province, every county of a city)
 *                       appears, one with nothing in the period as a single row of zeros without industry
 * @param total          合计 over all rows
 */
record SummaryTable(
        String title,
        String divisionCode,
        String divisionName,
        LocalDate from,
        LocalDate to,
        String period,
        LocalDate fillDate,
        String countingUnit,
        List<Column> violationTypes,
        List<Row> rows,
        Row total) {

    /** 计数单位, from what each column of the seed's form is about (the form itself names no unit). */
    static final String COUNTING_UNIT = "计数单位：违法问题类型各列按“起”计（现场检查记录中的一项违法行为为一起，"
            + "非现场监管发现并立案的一项违法行为为一起；复查发现原违法行为仍在持续的不另计一起，在备注中列为持续违法）；"
            + "罚款金额按万元计；整改完成情况按排污单位“家”计；依法不予处罚按处罚决定“件”计。";

    record Column(String code, String label) {}

    /**
     * @param no                    序号 (null for the total)
     * @param industry              plan-table industry code; null on the zero row of a region with no activity
     * @param inspections           inspection records (latest versions) with an inspection day in the period
     * @param violations            violations found in the period (起), per violation type code in seed order: ACTIVE
     *                              findings of on-site inspections and cases opened from remote-check alerts, except
     *                              findings that continue an open case
     * @param violationTotal        sum of {@code violations}
     * @param continuingViolations  re-inspection findings of the period that show a case's violation continuing (not
     *                              in {@code violations}; 备注 持续违法)
     * @param fineWanYuan           fines decided in the period, 万元, 4 decimals
     * @param rectificationDue      units with a rectification ordered in the period (应整改)
     * @param rectificationDone     of those, units whose every such rectification is verified complete (已完成)
     * @param rectificationStatus   整改完成情况, e.g. 应整改12家，已完成10家
     * @param rectificationComplete 是否完成整改: 是 / 否, or — when nothing had to be rectified
     * @param overdueUnits          units with an overdue, still open rectification ordered in the period
     * @param remarks               备注
     */
    record Row(
            Integer no,
            String regionCode,
            String region,
            String industry,
            String industryLabel,
            long inspections,
            Map<String, Long> violations,
            long violationTotal,
            long continuingViolations,
            BigDecimal fineWanYuan,
            long rectificationDue,
            long rectificationDone,
            String rectificationStatus,
            String rectificationComplete,
            long overdueUnits,
            String remarks) {}
}
