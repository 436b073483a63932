package org.permitwatch.inspection.record;

/** The outcome of one checklist item in an inspection record. */
public enum ItemResult {
    COMPLIANT,
    NON_COMPLIANT,
    NOT_APPLICABLE,
    NOT_CHECKED
}
