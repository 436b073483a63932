package org.permitwatch.inspection.procedure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.permitwatch.support.workday.WorkdayCalendar;

/**
 * Every time limit and amount of the procedure, computed in one place from the statute, the configured figures
 * ({@link ProcedureProperties}) and the official working-day calendar. Pure: no clock, no database.
 *
 * <p>Periods follow 《民法典》第二百零一条 (the start day is not counted), as {@link WorkdayCalendar} does. Only the
 * "二日、三日、五日、七日" of 《行政处罚法》 are working days (第八十五条); 15 days to pay, 60 days for 复议, six months
 * for 诉讼 and the 90-day case limit are calendar days.
 */
public final class ProcedureRules {

    /** 《行政处罚法》第六十一条: the decision is served within 七日 — working days by 第八十五条. */
    static final int SERVICE_WORKING_DAYS = 7;

    /** 《行政处罚法》第六十七条第三款: the fine is paid within 15 days of receiving the decision. */
    static final int PAYMENT_DAYS = 15;

    /** 《行政处罚法》第七十二条第一款第（一）项: 每日按罚款数额的百分之三加处罚款. */
    static final BigDecimal SURCHARGE_RATE_PER_DAY = new BigDecimal("0.03");

    /** 公告送达: deemed served when 30 days have passed since publication (《民事诉讼法》). */
    static final int PUBLIC_NOTICE_DAYS = 30;

    /**
     * 《行政诉讼法》第四十六条: six months to sue (longer than the 60 days of 《行政复议法》), after which
     * 《行政强制法》第五十三条 lets the bureau apply to the court within three months.
     */
    static final int LITIGATION_MONTHS = 6;

    static final int ENFORCEMENT_APPLICATION_MONTHS = 3;

    /** At most two extensions: the head of the bureau approves the first, collective discussion the second. */
    static final int MAX_EXTENSIONS = 2;

    private final ProcedureProperties figures;
    private final BigDecimal hearingMinYuan;
    private final WorkdayCalendar calendar;

    /**
     * @param hearingMinYuan a proposed fine of at least this entitles the unit to a hearing (较大数额罚款, 行政处罚法
     *                       第六十三条): {@code permitwatch.documents.hearing-threshold-yuan}
     */
    public ProcedureRules(ProcedureProperties figures, BigDecimal hearingMinYuan, WorkdayCalendar calendar) {
        this.figures = figures;
        this.hearingMinYuan = hearingMinYuan;
        this.calendar = calendar;
    }

    public ProcedureProperties figures() {
        return figures;
    }

    /** Last day of the 陈述申辩 window (the day itself still inside). */
    public LocalDate statementDue(LocalDate noticeServedOn) {
        return calendar.plusWorkingDays(noticeServedOn, figures.statementWorkingDays());
    }

    /** Last day to request a hearing (行政处罚法 第六十四条第（一）项). */
    public LocalDate hearingRequestDue(LocalDate noticeServedOn) {
        return calendar.plusWorkingDays(noticeServedOn, figures.hearingRequestWorkingDays());
    }

    /** 较大数额罚款 or a non-monetary measure (停产整治, 吊销, 责令关闭…) entitles the unit to a hearing. */
    public boolean hearingEligible(BigDecimal proposedYuan, boolean nonMonetaryMeasure) {
        return nonMonetaryMeasure || proposedYuan.compareTo(hearingMinYuan) >= 0;
    }

    /** 重大执法决定 by amount: legal review and collective discussion both required. */
    public boolean majorDecision(BigDecimal proposedYuan) {
        return proposedYuan.compareTo(figures.majorDecisionMinYuan()) >= 0;
    }

    /** Last day of the case limit: 立案 + limit + approved extensions + days the law does not count (hearing). */
    public LocalDate caseDue(LocalDate openedOn, int extensionDays, int excludedDays) {
        return openedOn.plusDays((long) figures.caseLimitDays() + extensionDays + excludedDays);
    }

    /** Last day to serve the decision. */
    public LocalDate serviceDue(LocalDate decidedOn) {
        return calendar.plusWorkingDays(decidedOn, SERVICE_WORKING_DAYS);
    }

    /** The day service takes effect: 公告送达 after 30 days, every other way on the day. */
    public static LocalDate deemedServedOn(LocalDate servedOn, ServiceMethod method) {
        return method == ServiceMethod.PUBLIC_NOTICE ? servedOn.plusDays(PUBLIC_NOTICE_DAYS) : servedOn;
    }

    /** Last day to pay without surcharge. */
    public static LocalDate paymentDue(LocalDate deemedServedOn) {
        return deemedServedOn.plusDays(PAYMENT_DAYS);
    }

    /** First day the bureau may apply for court enforcement: the day after the six months to sue ended. */
    public static LocalDate enforcementFrom(LocalDate deemedServedOn) {
        return deemedServedOn.plusMonths(LITIGATION_MONTHS).plusDays(1);
    }

    /** Last day to apply (three months after the period ended). */
    public static LocalDate enforcementUntil(LocalDate deemedServedOn) {
        return deemedServedOn.plusMonths(LITIGATION_MONTHS + ENFORCEMENT_APPLICATION_MONTHS);
    }

    /** Calendar days paid (or still unpaid on {@code day}) after the payment deadline; 0 when on time. */
    public static long daysLate(LocalDate paymentDue, LocalDate day) {
        return Math.max(0, ChronoUnit.DAYS.between(paymentDue, day));
    }

    /**
     * 加处罚款: 3 % of the fine for each day late, never more than the fine (第七十二条第一款第（一）项), rounded to the fen
     * once at the end (rounding each day would drift by up to half a fen a day).
     */
    public static BigDecimal surcharge(BigDecimal fineYuan, long daysLate) {
        if (daysLate <= 0 || fineYuan.signum() <= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal raw = fineYuan.multiply(SURCHARGE_RATE_PER_DAY).multiply(BigDecimal.valueOf(daysLate));
        return raw.min(fineYuan).setScale(2, RoundingMode.HALF_UP);
    }

    // --- 催告 before the court enforcement application (ADR 0045) ---

    /**
     * 《行政强制法》第五十四条: the bureau may apply to the court when the party has not performed 催告书送达十日后; the
     * ten days are working days (第六十九条: "本法中十日以内期限的规定是指工作日，不含法定节假日").
     */
    static final int URGE_WORKING_DAYS = 10;

    /** Last day the party may still perform after the 催告 took effect (deemed served for 公告). */
    public LocalDate urgeDue(LocalDate urgeDeemedServedOn) {
        return calendar.plusWorkingDays(urgeDeemedServedOn, URGE_WORKING_DAYS);
    }

    /**
     * First day of the court application: the day after the 催告 window, but never before the periods for 复议 and
     * 诉讼 have run out ({@link #enforcementFrom}). The application's last day stays {@link #enforcementUntil}.
     */
    public static LocalDate enforcementOpensOn(LocalDate enforcementFrom, LocalDate urgeDue) {
        LocalDate afterUrge = urgeDue.plusDays(1);
        return afterUrge.isAfter(enforcementFrom) ? afterUrge : enforcementFrom;
    }

    /** 加处罚款 on one instalment: the same rule as the fine's, counted from the instalment's own due day. */
    public static BigDecimal instalmentSurcharge(BigDecimal amountYuan, LocalDate dueOn, LocalDate day) {
        return surcharge(amountYuan, daysLate(dueOn, day));
    }
}
