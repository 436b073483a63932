package org.permitwatch.events.enforcement;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A penalty decision (处罚决定) of a case, on {@link EnforcementTopics#CASES}, CloudEvents type {@value #TYPE}. A case
 * has at most one FINE or NO_PENALTY decision, and any number of DAILY_CONTINUOUS decisions (按日连续处罚) after
 * it. The fine of a case is the sum of its decisions' {@code amountYuan}.
 *
 * @param decisionId      the decision
 * @param kind            FINE, NO_PENALTY or DAILY_CONTINUOUS
 * @param noPenaltyRule   code of the no-penalty rule applied (e.g. FIRST_MINOR_LEDGER); null unless NO_PENALTY
 * @param amountYuan      the fine decided, in yuan (0 for NO_PENALTY)
 * @param proposedYuan    what the discretion benchmark proposed; differs from amountYuan only when overridden
 * @param overridden      true when the decision departs from the proposal (the reason is in the audit log)
 * @param benchmarkVersion the discretion benchmark version used
 * @param days            DAILY_CONTINUOUS only: days counted; null otherwise
 * @param fromDate        DAILY_CONTINUOUS only: first day counted (the day after the correction order)
 * @param toDate          DAILY_CONTINUOUS only: the re-inspection day that found the violation continuing
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PenaltyDecided(
        CaseRef ref,
        UUID decisionId,
        String kind,
        String noPenaltyRule,
        BigDecimal amountYuan,
        BigDecimal proposedYuan,
        boolean overridden,
        String benchmarkVersion,
        Integer days,
        LocalDate fromDate,
        LocalDate toDate,
        String decidedBy,
        OffsetDateTime decidedAt) {

    public static final String TYPE = "org.permitwatch.inspection.case.penalty-decided.v1";
}
