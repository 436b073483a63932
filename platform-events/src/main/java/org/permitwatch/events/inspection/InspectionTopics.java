package org.permitwatch.events.inspection;

/**
 * Kafka topics published by inspection-service, {@code <context>.<aggregate>.events.v<major>}. Each topic is
 * created by a {@code NewTopic} bean of the feature that writes it; broker auto-create is off.
 */
public final class InspectionTopics {

    /** Annual plans (附件3) as published, keyed by plan id. */
    public static final String PLANS = "inspection.plan.events.v1";
    /** Completed and published double-random draws, keyed by draw id. */
    public static final String DRAWS = "inspection.draw.events.v1";

    /** Inspection tasks assigned to inspectors, keyed by task id. */
    public static final String TASKS = "inspection.task.events.v1";

    /** Submitted inspection records (and their corrections), keyed by record id. */
    public static final String INSPECTIONS = "inspection.record.events.v1";

    /** Findings (non-compliant checklist items), keyed by finding id. */
    public static final String FINDINGS = "inspection.finding.events.v1";

    /** Answers to accepted clues for enforcement (task created or refused with a reason), keyed by clue id. */
    public static final String CLUES = "inspection.clue.events.v1";

    private InspectionTopics() {}
}
