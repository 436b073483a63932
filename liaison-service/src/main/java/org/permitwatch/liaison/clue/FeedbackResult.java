package org.permitwatch.liaison.clue;

/** What the receiving department did with a clue (通报反馈结果). */
enum FeedbackResult {
    /** A case was filed (立案查处). */
    CASE_FILED,
    /** The unit was ordered to rectify (责令改正). */
    RECTIFICATION_ORDERED,
    /** Checked, no violation found (经核查无违法). */
    NO_VIOLATION_FOUND,
    /** Passed on to another authority (移送). */
    TRANSFERRED_ON,
    OTHER
}
