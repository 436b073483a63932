package org.permitwatch.inspection.task;

import java.util.UUID;

/**
 * A task the caller may inspect, with what writing its record needs, read together ({@link
 * TaskAccess#openForInspection}).
 *
 * @param unitSnapshot the unit's directory snapshot as JSON; null when the unit is not in the directory projection yet
 * @param checklistVersionId the checklist version the task's city uses today; null when none is published
 */
public record TaskForInspection(TaskView task, String unitSnapshot, UUID checklistVersionId) {}
