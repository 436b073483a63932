package org.permitwatch.events.reporting;

/**
 * Kafka topics published by reporting-service, {@code <context>.<aggregate>.events.v<major>}. Created by the
 * {@code NewTopic} bean of the feature that writes it; broker auto-create is off.
 */
public final class ReportingTopics {

    /** 一公开 deadlines of draws: approaching or missed, keyed by draw id. */
    public static final String DISCLOSURE = "reporting.disclosure.events.v1";

    private ReportingTopics() {}
}
