package org.permitwatch.events;

/**
 * Kafka topic names, {@code <context>.<aggregate>.events.v<major>}. Topics are created by explicit
 * {@code NewTopic} beans in the owning service; broker auto-create is off.
 */
public final class Topics {

    /** Compacted changelog of the object directory, keyed by permit number, values are full snapshots. */
    public static final String DIRECTORY_UNITS = "directory.unit.events.v1";

    /** Suffix of the dead-letter topic that receives records a consumer gave up on. */
    public static final String DLT_SUFFIX = ".dlt";

    private Topics() {}

    /** The dead-letter topic of {@code topic}. */
    public static String dlt(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        return topic + DLT_SUFFIX;
    }
}
