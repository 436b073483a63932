package org.permitwatch.inspection.task;

/** How the unit is inspected: on site (现场执法检查) or remotely (非现场监管). */
public enum TaskMethod {
    ON_SITE,
    REMOTE
}
