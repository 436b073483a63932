package org.permitwatch.inspection.checklist;

/** Rows of the plan table (附件3); OTHER units are checked against the general list. */
public enum KeyIndustry {
    PAPER,
    STEEL,
    THERMAL_POWER,
    COKING,
    CEMENT,
    SEWAGE_TREATMENT,
    WATER_REUSE,
    OTHER;

    /** Whether the checklist has an industry-specific list for it (OTHER uses the general one). */
    public boolean hasOwnList() {
        return this != OTHER;
    }
}
