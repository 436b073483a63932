package org.permitwatch.inspection.remote;

/**
 * OPEN until reviewed (DISMISSED, TASKED, CASED) or until a run finds the condition gone (RESOLVED). Only OPEN
 * alerts may be reviewed; only OPEN alerts are refreshed or resolved by runs.
 */
enum AlertStatus {
    OPEN,
    DISMISSED,
    TASKED,
    CASED,
    RESOLVED
}
