package org.permitwatch.inspection.clue;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code permitwatch.inspection.clue.*}.
 *
 * @param dueInDays  due date of a clue task when the clue asks for no feedback date
 * @param inspectors inspectors assigned to a clue task (the Regulation's two-person rule)
 */
@ConfigurationProperties("permitwatch.inspection.clue")
record ClueTaskProperties(Integer dueInDays, Integer inspectors) {

    ClueTaskProperties {
        dueInDays = dueInDays == null || dueInDays < 1 ? 30 : dueInDays;
        inspectors = inspectors == null || inspectors < 1 ? 2 : inspectors;
    }
}
