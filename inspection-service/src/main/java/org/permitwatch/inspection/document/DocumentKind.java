package org.permitwatch.inspection.document;

/**
 * The enforcement documents (执法文书) the platform issues from a case's data. Each kind has its own 文号 sequence per
 * bureau and year, and its prerequisites in the case (see {@link DocumentFacts}).
 */
public enum DocumentKind {
    /** 现场检查（勘察）笔录: from the inspection record the case was opened from. */
    INSPECTION_RECORD,
    /** 责令改正违法行为决定书: from the case's rectification order. */
    RECTIFICATION_ORDER,
    /** 行政处罚事先（听证）告知书: from the latest penalty proposal, before the decision. */
    PRIOR_NOTICE,
    /** 行政处罚决定书: from the FINE decision. */
    PENALTY_DECISION,
    /** 不予行政处罚决定书: from the NO_PENALTY decision. */
    NO_PENALTY_DECISION,
    /** 按日连续处罚决定书: from one DAILY_CONTINUOUS decision ({@code subjectId}). */
    DAILY_PENALTY_DECISION,
    /** 送达回证: for one issued document of the case ({@code subjectId}). */
    SERVICE_RECEIPT,
    /** 调查询问笔录: from one recorded interview of the case ({@code subjectId}, ADR 0042). */
    INTERVIEW_RECORD;

    /**
     * The kind as the response member {@code kind} may carry it: one of contract 1.0.0's values, else null (absent).
     * A new value of a response enum breaks generated clients (docs/api/README.md), so kinds added later are read
     * from {@code documentKind}, an open string (ADR 0042).
     */
    String v1Name() {
        return this == INTERVIEW_RECORD ? null : name();
    }

    /** Said in every response that carries a kind. */
    static final String V1_NOTE = "deprecated: one of the kinds of contract 1.0.0, absent for kinds added since "
            + "(INTERVIEW_RECORD); read documentKind";

    static final String OPEN_NOTE = "the document kind: INSPECTION_RECORD, INTERVIEW_RECORD, RECTIFICATION_ORDER, "
            + "PRIOR_NOTICE, PENALTY_DECISION, NO_PENALTY_DECISION, DAILY_PENALTY_DECISION, SERVICE_RECEIPT — an open "
            + "list: accept values you do not know (kinds are added without a new major version)";

    /** Whether the kind needs a subject: the decision or the document it is about. */
    boolean needsSubject() {
        return this == DAILY_PENALTY_DECISION || this == SERVICE_RECEIPT || this == INTERVIEW_RECORD;
    }

    /** Decisions and their notice are the city's or the province's (as the decisions themselves). */
    boolean deciderOnly() {
        return this == PRIOR_NOTICE
                || this == PENALTY_DECISION
                || this == NO_PENALTY_DECISION
                || this == DAILY_PENALTY_DECISION;
    }
}
