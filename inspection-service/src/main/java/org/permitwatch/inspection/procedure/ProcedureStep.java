package org.permitwatch.inspection.procedure;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The procedure (程序) of a penalty case and the only moves between its steps, like {@code CaseStatus} for the case:
 * <pre>
 *   INVESTIGATING ─notice (告知)─► NOTICE_SERVED ─statement (陈述申辩 / waiver)─► STATEMENT_HEARD
 *        │                           │  └─hearing request (听证申请)─► HEARING_REQUESTED ─hearing─► HEARING_HELD
 *        │                           └─review (法制审核 / 集体讨论)─► REVIEWED ◄─────────────────────────┘
 *        └─decision NO_PENALTY ─┐    NOTICE_SERVED, STATEMENT_HEARD, REVIEWED ─decision─► DECIDED
 *                               ▼
 *   DECIDED ─service (送达)─► SERVED ─payment─► PAID
 *                               ├─deferral approved (暂缓 / 分期)─► INSTALMENTS ─last instalment paid─► PAID
 *                               └─urge (催告)─► URGED ─payment─► PAID
 *                                                 └─court enforcement applied (申请法院强制执行)─► ENFORCEMENT_APPLIED ─payment─► PAID
 *   any step before DECIDED ─termination (终止调查)─► TERMINATED
 * </pre>
 * No court application without the 催告 first (《行政强制法》第五十四条), hence no SERVED → ENFORCEMENT_APPLIED. Suspension
 * (中止) is not a step: it is a pause of the step the case is at (ProcedureState.suspendedSince).
 * A hearing is always followed by a legal review before the decision (《行政处罚法》第五十八条第一款第（二）项: decisions
 * 经过听证程序 need 法制审核), so HEARING_HELD does not lead to DECIDED. Whether a move in this table may happen now
 * (windows closed, review done, amounts) is {@link ProcedureState}'s rule; this table only says which moves exist.
 */
public enum ProcedureStep {
    INVESTIGATING,
    NOTICE_SERVED,
    STATEMENT_HEARD,
    HEARING_REQUESTED,
    HEARING_HELD,
    REVIEWED,
    DECIDED,
    SERVED,
    PAID,
    ENFORCEMENT_APPLIED,
    INSTALMENTS,
    URGED,
    TERMINATED;

    private static final Map<ProcedureStep, Set<ProcedureStep>> NEXT = Map.ofEntries(
            Map.entry(INVESTIGATING, EnumSet.of(NOTICE_SERVED, DECIDED, TERMINATED)),
            Map.entry(NOTICE_SERVED, EnumSet.of(STATEMENT_HEARD, HEARING_REQUESTED, REVIEWED, DECIDED, TERMINATED)),
            Map.entry(STATEMENT_HEARD, EnumSet.of(HEARING_REQUESTED, REVIEWED, DECIDED, TERMINATED)),
            Map.entry(HEARING_REQUESTED, EnumSet.of(HEARING_HELD, TERMINATED)),
            Map.entry(HEARING_HELD, EnumSet.of(REVIEWED, TERMINATED)),
            Map.entry(REVIEWED, EnumSet.of(DECIDED, TERMINATED)),
            Map.entry(DECIDED, EnumSet.of(SERVED)),
            Map.entry(SERVED, EnumSet.of(PAID, INSTALMENTS, URGED)),
            Map.entry(INSTALMENTS, EnumSet.of(PAID)),
            Map.entry(URGED, EnumSet.of(PAID, ENFORCEMENT_APPLIED)),
            Map.entry(ENFORCEMENT_APPLIED, EnumSet.of(PAID)),
            Map.entry(PAID, EnumSet.noneOf(ProcedureStep.class)),
            Map.entry(TERMINATED, EnumSet.noneOf(ProcedureStep.class)));

    /** The steps of contract 1.0.0 (the {@code step} enum of the API's views); later steps are only in {@code procedureStep}. */
    static final String V1_NOTE = "deprecated: one of the steps of contract 1.0.0, absent for steps added since "
            + "(INSTALMENTS, URGED, TERMINATED); read procedureStep";

    static final String OPEN_NOTE = "the procedure's step: INVESTIGATING, NOTICE_SERVED, STATEMENT_HEARD, "
            + "HEARING_REQUESTED, HEARING_HELD, REVIEWED, DECIDED, SERVED, INSTALMENTS, URGED, PAID, "
            + "ENFORCEMENT_APPLIED, TERMINATED — an open list: accept values you do not know (steps are added without a "
            + "new major version)";

    /** This step's name if contract 1.0.0 knew it, else null (a generated 1.0.0 client cannot read a new value). */
    public String v1Name() {
        return ordinal() <= ENFORCEMENT_APPLIED.ordinal() ? name() : null;
    }

    /** Whether the table allows {@code this → next}. */
    public boolean canBecome(ProcedureStep next) {
        return NEXT.get(this).contains(next);
    }

    /** The steps a case may leave to reach {@code target}, for the SQL guard of the update. */
    public static String[] sourcesOf(ProcedureStep target) {
        return Arrays.stream(values())
                .filter(s -> s.canBecome(target))
                .map(Enum::name)
                .toArray(String[]::new);
    }

    /** Before the penalty decision: the 90-day case limit still runs and may be extended. */
    public boolean beforeDecision() {
        return ordinal() < DECIDED.ordinal();
    }
}
