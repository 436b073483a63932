package org.permitwatch.monitoring.storage;

import io.r2dbc.spi.R2dbcException;

/**
 * Which database failures belong to a message and which to the database. A data exception (SQLSTATE class 22, e.g. a
 * number beyond {@code numeric}'s range) or an integrity violation (23) comes back every time the same values are
 * written: the message is poison and must leave the partition. Anything else — a cut connection, a restart, a lock or
 * pool timeout, an unknown error — may pass, and dropping acknowledged data for it would lose it: the poll is retried.
 */
final class StorageFailure {

    private StorageFailure() {}

    /** The SQLSTATE of the first R2DBC exception in the cause chain, or null. */
    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null) {
                return r2dbc.getSqlState();
            }
        }
        return null;
    }

    static boolean poison(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** The database's own words, for the dead-letter record and the log. */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof R2dbcException r2dbc) {
                return "SQLSTATE " + r2dbc.getSqlState() + ": " + r2dbc.getMessage();
            }
        }
        return failure.toString();
    }
}
