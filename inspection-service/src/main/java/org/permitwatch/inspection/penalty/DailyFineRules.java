package org.permitwatch.inspection.penalty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.permitwatch.support.problem.ApiException;

/**
 * The rules of the daily continuous fine (按日连续处罚), 《环境保护主管部门实施按日连续处罚办法》(环境保护部令第28号), as a
 * pure function of dates, so the arithmetic is tested by hand without a database:
 * <ul>
 *   <li>第五条: only unlawful discharge (违法排放污染物) — {@link #requireAllowed(String)} against the configured articles;</li>
 *   <li>第十二条: the re-inspection (复查) lies within {@code windowDays} after the service of the order; a later
 *       re-inspection (再次复查) within {@code windowDays} after the previous fined one;</li>
 *   <li>第十七条: days run from the day after service (送达之日的次日) to the re-inspection day that found the discharge
 *       continuing, both inclusive; a later re-inspection adds only the days after the last fined day (累计执行 —
 *       no day is fined twice);</li>
 *   <li>第十九条: each day costs the original decision's fine; the amount is that fine × days.</li>
 * </ul>
 */
final class DailyFineRules {

    /**
     * Unlawful discharge under 《排污许可管理条例》: 33(1)–(4) discharging without a valid permit, 34(1) exceeding limits,
     * 34(2) discharging by evading supervision, 35(1) uncontrolled fugitive discharge and 35(2) discharging in a special
     * period against the permit — each "排放污染物" conduct (28号令 第五条 (一), (二), (五)). Never 36 (outlets,
     * monitoring, disclosure: the article itself says what follows a refusal to correct), 37 (ledger, reports) or 43
     * (registration): they are not discharge. Bare 33/34/35 admit older cases that cite the article without its 项
     * (every 项 of them is discharge).
     */
    static final List<String> STATUTORY_ARTICLES =
            List.of("33", "33(1)", "33(2)", "33(3)", "33(4)", "34", "34(1)", "34(2)", "35", "35(1)", "35(2)");
    /** 第十二条: 自送达责令改正违法行为决定书之日起三十日内 … 实施复查. */
    static final int STATUTORY_WINDOW_DAYS = 30;

    static final String LEGAL_BASIS_DAYS =
            "《环境保护主管部门实施按日连续处罚办法》第十七条：计罚日数为责令改正违法行为决定书" + "送达排污者之日的次日起，至复查发现违法排放污染物行为之日止；再次复查仍拒不改正的，计罚日数累计执行";
    static final String LEGAL_BASIS_AMOUNT =
            "《环境保护主管部门实施按日连续处罚办法》第十九条：每日罚款数额为原处罚决定书确定的" + "罚款数额；按日连续处罚的罚款数额为原罚款数额乘以计罚日数";

    private final Set<String> articles;
    private final int windowDays;

    DailyFineRules(List<String> articles, int windowDays) {
        this.articles = articles.stream().map(ArticleRef::normalize).collect(Collectors.toUnmodifiableSet());
        this.windowDays = windowDays;
    }

    static DailyFineRules of(PenaltyProperties.Daily daily) {
        return new DailyFineRules(daily.articles(), daily.reinspectionWindowDays());
    }

    int windowDays() {
        return windowDays;
    }

    boolean allows(String article) {
        return article != null && articles.contains(ArticleRef.normalize(article));
    }

    /** 422 {@code daily-fine-not-applicable} when the case's article is not unlawful discharge. */
    void requireAllowed(String article) {
        if (!allows(article)) {
            throw ApiException.unprocessable(
                    "daily-fine-not-applicable",
                    "a daily continuous fine applies only to "
                            + "unlawful discharge (环境保护部令第28号 第五条); article " + article + " ("
                            + ArticleRef.normalize(article) + ") is not one of "
                            + articles.stream().sorted().toList());
        }
    }

    /**
     * The fined period of one re-inspection.
     *
     * @param servedOn      service of the correction order (送达日)
     * @param previousUntil the last day already fined on this order (the previous fined re-inspection), or null
     * @param from          first fined day: the day after service, or after the last fined day
     * @param to            the re-inspection day
     * @param days          from..to inclusive
     */
    record Period(LocalDate servedOn, LocalDate previousUntil, LocalDate from, LocalDate to, int days) {
        BigDecimal amount(BigDecimal dailyYuan) {
            return dailyYuan.multiply(BigDecimal.valueOf(days));
        }
    }

    /**
     * 409 {@code reinspection-already-fined} when the re-inspection day is not after the last fined day (or the service
     * day); 409 {@code reinspection-outside-window} when it lies more than the window after it.
     */
    Period period(LocalDate servedOn, LocalDate previousUntil, LocalDate reinspectedOn) {
        LocalDate anchor = previousUntil == null ? servedOn : previousUntil;
        if (!reinspectedOn.isAfter(anchor)) {
            throw ApiException.conflict(
                    "reinspection-already-fined",
                    previousUntil == null
                            ? "the re-inspection on " + reinspectedOn + " is not after the service of the order on "
                                    + servedOn
                            : "the days up to " + previousUntil + " are already fined; the re-inspection on "
                                    + reinspectedOn + " adds none");
        }
        // Chinese statutory periods start the day after the event: 三十日内 = anchor+1 .. anchor+30.
        LocalDate last = anchor.plusDays(windowDays);
        if (reinspectedOn.isAfter(last)) {
            throw ApiException.conflict(
                    "reinspection-outside-window",
                    "the re-inspection on " + reinspectedOn
                            + " is more than " + windowDays + " days after "
                            + (previousUntil == null
                                    ? "the service of the order on " + servedOn
                                    : "the previous fined re-inspection on " + previousUntil)
                            + " (last day " + last + ", 按日连续处罚办法第十二条)");
        }
        return new Period(servedOn, previousUntil, anchor.plusDays(1), reinspectedOn, (int)
                ChronoUnit.DAYS.between(anchor, reinspectedOn));
    }
}
