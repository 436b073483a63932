package org.permitwatch.reporting.disclosure;

import java.time.LocalDate;
import org.permitwatch.support.workday.WorkdayCalendar;
import org.springframework.stereotype.Component;

/**
 * The two 一公开 deadlines, in one place.
 * <ul>
 * <li><b>Results of a draw: 20 working days</b> from the day its checks ended. 《企业信息公示暂行条例》 (国务院令第654号)
 * art. 6/7: information produced by a department in performing its duties is published 自产生之日起20个工作日内; the
 * provincial rules implementing 国办发〔2015〕58号 count 抽查结果 自抽查结束之日起20个工作日内 (e.g.
 * 冀政办发〔2015〕22号); 《政府信息公开条例》 art. 18 sets the same 20 working days for information to be disclosed
 * proactively. The checks of a draw
 * end with its inspection period: the latest due date of the draw's tasks, else the last day of the drawn month.</li>
 * <li><b>Penalty decisions (双公示): 7 working days</b> from the day of the decision (发改电〔2015〕557号,
 * 发改办财金〔2018〕424号: 行政许可和行政处罚等信用信息自作出行政决定之日起7个工作日内上网公开).</li>
 * </ul>
 * The start day is not counted (《民法典》 art. 201: 开始的当日不计入，自下一日开始计算), and working days are the
 * State Council's ({@link WorkdayCalendar}, 调休 included). A year without a loaded arrangement gives no due date and
 * a note saying so — never a weekday-only guess.
 */
@Component
public class DisclosureDeadlines {

    /** 抽查结果: working days after the checks ended. */
    public static final int RESULTS_WORKING_DAYS = 20;
    /** 双公示 of a penalty decision: working days after the decision. */
    public static final int DECISION_WORKING_DAYS = 7;

    private final WorkdayCalendar calendar;

    DisclosureDeadlines(WorkdayCalendar calendar) {
        this.calendar = calendar;
    }

    public Due results(LocalDate checksEndedOn) {
        return due(checksEndedOn, RESULTS_WORKING_DAYS);
    }

    public Due decision(LocalDate decidedOn) {
        return due(decidedOn, DECISION_WORKING_DAYS);
    }

    WorkdayCalendar calendar() {
        return calendar;
    }

    private Due due(LocalDate start, int workingDays) {
        try {
            return new Due(calendar.plusWorkingDays(start, workingDays), null);
        } catch (WorkdayCalendar.YearNotLoadedException e) {
            return new Due(null, "calendar-year-not-loaded:" + e.year());
        }
    }

    /**
     * @param dueOn the last day to publish on; null when it cannot be computed
     * @param note  why {@code dueOn} is missing ({@code calendar-year-not-loaded:<year>}), else null
     */
    public record Due(LocalDate dueOn, String note) {}
}
