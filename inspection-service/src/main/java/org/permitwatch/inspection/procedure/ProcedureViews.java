package org.permitwatch.inspection.procedure;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the procedure endpoints return. */
final class ProcedureViews {

    private ProcedureViews() {}

    /** One logged step. */
    record StepEntry(
            String action,
            String fromStep,
            String toStep,
            LocalDate on,
            String details,
            String doneBy,
            OffsetDateTime doneAt) {}

    /**
     * A case's procedure as of the bureau's today: the stored state, the actions allowed now, whether the next
     * deadline has passed, and the 加处罚款 owed if the fine were paid today.
     */
    record Procedure(
            ProcedureState state,
            LocalDate today,

            @Schema(
                    description = "notice, statement, hearing-request, hearing, review, decision, service, payment, "
                            + "deferral, deferral-decision, instalment-payment, urge, enforcement, extension, "
                            + "suspension, resumption, termination")
            List<String> allowedActions,

            @Schema(description = "the next deadline has passed (state.nextDue before today)")
            boolean overdue,

            @Schema(description = "calendar days the fine is late today (0 when not due or paid)")
            long daysLate,

            @Schema(description = "加处罚款 owed if the fine were paid today: 3 % of the fine a day, at most the fine")
            BigDecimal surchargeYuanToday,

            @Schema(description = "the decision a FINE would meet now: null when allowed, else the 409 code")
            String fineDecisionBlocker,

            List<StepEntry> history,

            @Schema(
                    description = "the court application on this day: null when allowed, else the 409 code "
                            + "(urge-required, urge-window-open, enforcement-too-early, …); null when no fine is owed")
            String enforcementBlocker,

            @Schema(description = "an approved deferral / instalment schedule (暂缓 / 分期), in order; empty otherwise")
            List<Instalment> instalments) {}

    /** One instalment of an approved schedule and what it costs today. */
    record Instalment(
            int seq,
            LocalDate dueOn,
            BigDecimal amountYuan,
            LocalDate paidOn,
            BigDecimal paidYuan,
            BigDecimal surchargeYuan,

            @Schema(description = "unpaid and its due day has passed")
            boolean overdue,

            @Schema(
                    description = "加处罚款 on this instalment if paid today: 3 % of it a day after its due day, at most "
                            + "the instalment; 0 before its due day and once paid")
            BigDecimal surchargeYuanToday) {

        static Instalment of(
                int seq,
                LocalDate dueOn,
                BigDecimal amountYuan,
                LocalDate paidOn,
                BigDecimal paidYuan,
                BigDecimal surchargeYuan,
                LocalDate today) {
            boolean open = paidOn == null;
            return new Instalment(
                    seq,
                    dueOn,
                    amountYuan,
                    paidOn,
                    paidYuan,
                    surchargeYuan,
                    open && dueOn.isBefore(today),
                    open ? ProcedureRules.instalmentSurcharge(amountYuan, dueOn, today) : BigDecimal.ZERO.setScale(2));
        }
    }

    /** A row of the due/overdue list. */
    record DueItem(
            UUID caseId,
            String caseNo,
            String unitName,
            String permitNumber,
            String divisionCode,
            String caseStatus,

            @Schema(
                    deprecated = true,
                    type = "string",
                    allowableValues = {
                        "INVESTIGATING",
                        "NOTICE_SERVED",
                        "STATEMENT_HEARD",
                        "HEARING_REQUESTED",
                        "HEARING_HELD",
                        "REVIEWED",
                        "DECIDED",
                        "SERVED",
                        "PAID",
                        "ENFORCEMENT_APPLIED"
                    },
                    description = ProcedureStep.V1_NOTE)
            String step,

            LocalDate nextDue,

            @Schema(
                    description = "DECISION (90-day case limit), SERVICE, PAYMENT, INSTALMENT (the earliest unpaid "
                            + "instalment) or ENFORCEMENT (last day of the court application after a 催告)")
            String nextDueKind,

            @Schema(description = "calendar days past nextDue; 0 when not yet due")
            long overdueDays,

            BigDecimal fineYuan,

            @Schema(
                    description = "加处罚款 owed today: on the fine for PAYMENT and ENFORCEMENT, on the earliest unpaid "
                            + "instalment for INSTALMENT, else 0")
            BigDecimal surchargeYuanToday,

            @Schema(description = ProcedureStep.OPEN_NOTE) String procedureStep) {}
}
