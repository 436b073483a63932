package org.permitwatch.events.liaison;

/**
 * Kafka topics published by liaison-service, {@code <context>.<aggregate>.events.v<major>}. Created by the
 * {@code NewTopic} bean of the feature that writes them; broker auto-create is off.
 */
public final class LiaisonTopics {

    /** Clue transfers (线索移交) between departments, keyed by clue id. */
    public static final String CLUES = "liaison.clue.events.v1";

    /** Cities' submissions against the province's reporting obligations, keyed by obligation:city:period. */
    public static final String SUBMISSIONS = "liaison.submission.events.v1";

    private LiaisonTopics() {}
}
