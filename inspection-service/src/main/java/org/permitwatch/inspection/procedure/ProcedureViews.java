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
                            + "enforcement, extension")
            List<String> allowedActions,

            @Schema(description = "the next deadline has passed (state.nextDue before today)")
            boolean overdue,

            @Schema(description = "calendar days the fine is late today (0 when not due or paid)")
            long daysLate,

            @Schema(description = "加处罚款 owed if the fine were paid today: 3 % of the fine a day, at most the fine")
            BigDecimal surchargeYuanToday,

            @Schema(description = "the decision a FINE would meet now: null when allowed, else the 409 code")
            String fineDecisionBlocker,

            List<StepEntry> history) {}

    /** A row of the due/overdue list. */
    record DueItem(
            UUID caseId,
            String caseNo,
            String unitName,
            String permitNumber,
            String divisionCode,
            String caseStatus,
            ProcedureStep step,
            LocalDate nextDue,

            @Schema(description = "DECISION (90-day case limit), SERVICE or PAYMENT")
            String nextDueKind,

            @Schema(description = "calendar days past nextDue; 0 when not yet due")
            long overdueDays,

            BigDecimal fineYuan,

            @Schema(description = "加处罚款 owed today for a PAYMENT step, else 0")
            BigDecimal surchargeYuanToday) {}
}
