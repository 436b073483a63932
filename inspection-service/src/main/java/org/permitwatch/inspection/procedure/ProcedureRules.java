package org.permitwatch.inspection.procedure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.permitwatch.support.workday.WorkdayCalendar;
import org.permitwatch.support.workday.WorkdayCalendar.Deadline;

/**
 * Every time limit and amount of the procedure, computed in one place from the statute, the configured figures
 * ({@link ProcedureProperties}) and the official working-day calendar. Pure: no clock, no database.
 *
 * <p>Periods follow 《民法典》第二百零一条 (the start day is not counted), as {@link WorkdayCalendar} does. Only the
 * "二日、三日、五日、七日" of 《行政处罚法》 are working days (第八十五条); 15 days to pay, 60 days for 复议, six months
 * for 诉讼 and the 90-day case limit are calendar days. The 15 days to pay end on a working day (《民法典》第二百零三条,
 * see {@link #paymentDue}).
 *
 * <p>Working-day deadlines are {@link Deadline}s: in a year whose State Council arrangement is not loaded they are
 * counted provisionally and say so; {@link #current} counts them again on the calendar loaded now whenever a
 * procedure is read (ADR 0044), so a year loaded later makes them final without touching the rows.
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
    public Deadline statementDue(LocalDate noticeServedOn) {
        return calendar.deadline(noticeServedOn, figures.statementWorkingDays());
    }

    /** Last day to request a hearing (行政处罚法 第六十四条第（一）项). */
    public Deadline hearingRequestDue(LocalDate noticeServedOn) {
        return calendar.deadline(noticeServedOn, figures.hearingRequestWorkingDays());
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
    public Deadline serviceDue(LocalDate decidedOn) {
        return calendar.deadline(decidedOn, SERVICE_WORKING_DAYS);
    }

    /** The day service takes effect: 公告送达 after 30 days, every other way on the day. */
    public static LocalDate deemedServedOn(LocalDate servedOn, ServiceMethod method) {
        return method == ServiceMethod.PUBLIC_NOTICE ? servedOn.plusDays(PUBLIC_NOTICE_DAYS) : servedOn;
    }

    /**
     * Last day to pay without surcharge: 15 calendar days after service (第六十七条第三款), and when that day is not a
     * working day the next working day — 《民法典》第二百零三条第一款 (期间的最后一日是法定休假日的，以法定休假日结束的次日为
     * 期间的最后一日), which 第二百零四条 applies to every period unless a law provides otherwise; 《行政处罚法》 has no
     * rule of its own for it. A surcharge counted from a Sunday would charge the party for a day it could not pay.
     */
    public Deadline paymentDue(LocalDate deemedServedOn) {
        return calendar.onOrAfterWorkingDay(deemedServedOn.plusDays(PAYMENT_DAYS));
    }

    /**
     * The stored procedure with its working-day deadlines counted again on the calendar loaded now, each marked
     * provisional when it still reaches a year without its arrangement. The stored columns are what was computed when
     * the step was taken (and what the due list filters on); the law's date is this one.
     */
    public ProcedureState current(ProcedureState s) {
        List<String> provisional = new ArrayList<>();
        java.util.SortedSet<Integer> years = new java.util.TreeSet<>();
        LocalDate statement = s.statementDue();
        LocalDate hearing = s.hearingRequestDue();
        LocalDate service = s.serviceDue();
        LocalDate payment = s.paymentDue();
        if (s.noticeServedOn() != null) {
            statement = track(statementDue(s.noticeServedOn()), "statementDue", provisional, years);
            hearing = track(hearingRequestDue(s.noticeServedOn()), "hearingRequestDue", provisional, years);
        }
        if (s.decidedOn() != null) {
            service = track(serviceDue(s.decidedOn()), "serviceDue", provisional, years);
        }
        if (s.deemedServedOn() != null && s.paymentDue() != null) {
            payment = track(paymentDue(s.deemedServedOn()), "paymentDue", provisional, years);
        }
        LocalDate next = s.nextDue();
        if ("SERVICE".equals(s.nextDueKind())) {
            next = service;
        } else if ("PAYMENT".equals(s.nextDueKind())) {
            next = payment;
        }
        String reason = years.isEmpty() ? null : new Deadline(next == null ? s.openedOn() : next, years).reason();
        return s.withDeadlines(statement, hearing, service, payment, next, provisional, reason);
    }

    private static LocalDate track(Deadline d, String field, List<String> provisional, java.util.Set<Integer> years) {
        if (d.provisional()) {
            provisional.add(field);
            years.addAll(d.provisionalYears());
        }
        return d.day();
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

    /**
     * Last day the party may still perform after the 催告 took effect (deemed served for 公告); provisional when the ten
     * working days reach a year whose arrangement is not loaded (ADR 0044) — the 催告 is still recorded, and the court
     * application waits until the count is final ({@link ProcedureService}).
     */
    public Deadline urgeDue(LocalDate urgeDeemedServedOn) {
        return calendar.deadline(urgeDeemedServedOn, URGE_WORKING_DAYS);
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
