package org.permitwatch.inspection.plan;

/** The bureau a plan belongs to: a city bureau, or a county branch planning inside its city's plan (ADR 0013). */
public enum PlanLevel {
    CITY,
    COUNTY
}
