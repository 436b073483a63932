package org.permitwatch.inspection.checklist;

/** How an item can be checked: on site, remotely (national platform, online monitoring), or either way. */
public enum CheckMethod {
    ON_SITE,
    REMOTE,
    BOTH
}
