package org.permitwatch.events.enforcement;

/**
 * Kafka topics of the enforcement part of inspection-service (cases, penalties, rectification, remote checks),
 * {@code <context>.<aggregate>.events.v<major>}. Created by {@code NewTopic} beans of inspection-service;
 * broker auto-create is off.
 */
public final class EnforcementTopics {

    /**
     * Case lifecycle keyed by case id: opened, penalty decided, rectification ordered / overdue / completed,
     * closed. One key per case keeps a case's events in order on one partition.
     */
    public static final String CASES = "inspection.case.events.v1";

    /** Remote-check (非现场) alerts keyed by alert id: raised and reviewed. */
    public static final String ALERTS = "inspection.alert.events.v1";

    private EnforcementTopics() {}
}
