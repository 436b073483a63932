package org.permitwatch.events.enforcement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A penalty case's procedure (程序) moved one step — notice served, statement heard, hearing requested or held, legal
 * review, decision, service, payment, court enforcement applied, or a time-limit extension — on
 * {@link EnforcementTopics#CASES}, CloudEvents type {@value #TYPE}. Added in issue 20 beside the existing case events
 * (none of them changed), so reporting can later count steps and overdue deadlines.
 *
 * @param step          the step after the change (inspection-service ProcedureStep, e.g. NOTICE_SERVED, PAID)
 * @param previousStep  the step before (equal to {@code step} for an extension of the case time limit)
 * @param action        what was done: notice, statement, hearing-request, hearing, review, decision, service,
 *                      payment, enforcement, extension
 * @param on            the day the action took effect (bureau calendar day)
 * @param nextDue       the next deadline the bureau or the party must meet, null when none is left
 * @param nextDueKind   DECISION (the 90-day case limit), SERVICE, PAYMENT; null with {@code nextDue}
 * @param surchargeYuan 加处罚款 included in a payment (action payment), else null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProcedureStepChanged(
        CaseRef ref,
        String step,
        String previousStep,
        String action,
        LocalDate on,
        LocalDate nextDue,
        String nextDueKind,
        BigDecimal surchargeYuan,
        OffsetDateTime at) {

    public static final String TYPE = "org.permitwatch.inspection.case.procedure-step-changed.v1";
}
