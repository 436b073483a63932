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
 * @param violationTypes the ten column labels, in the seed's order
 * @param rows           one per region × industry with any activity in the period, region code then plan-table order
 * @param total          合计 over all rows
 */
record SummaryTable(String title, String divisionCode, String divisionName, LocalDate from, LocalDate to,
                    String period, List<Column> violationTypes, List<Row> rows, Row total) {

    record Column(String code, String label) {
    }

    /**
     * @param no                   序号 (null for the total)
     * @param inspections          inspection records (latest versions) with an inspection day in the period
     * @param violations           ACTIVE findings inspected in the period, per violation type code in seed order
     * @param fineWanYuan          fines decided in the period, 万元, 4 decimals
     * @param rectificationDue     units with a rectification ordered in the period (应整改)
     * @param rectificationDone    of those, units whose every such rectification is verified complete (已完成)
     * @param rectificationStatus  整改完成情况, e.g. 应整改12家，已完成10家
     * @param rectificationComplete 是否完成整改: 是 / 否, or — when nothing had to be rectified
     * @param overdueUnits         units with an overdue, still open rectification ordered in the period
     * @param remarks              备注
     */
    record Row(Integer no, String regionCode, String region, String industry, String industryLabel, long inspections,
               Map<String, Long> violations, long violationTotal, BigDecimal fineWanYuan, long rectificationDue,
               long rectificationDone, String rectificationStatus, String rectificationComplete, long overdueUnits,
               String remarks) {
    }
}
