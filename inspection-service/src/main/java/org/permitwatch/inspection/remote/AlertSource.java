package org.permitwatch.inspection.remote;

/** Where an alert comes from; the value travels as {@code AlertChanged.source}. */
enum AlertSource {
    /** A remote-check run over the directory projection (this service). */
    REMOTE_CHECK,
    /** An automatic-monitoring alert of {@code monitoring.alert.events.v1} (monitoring-service, issue 19). */
    MONITORING
}
