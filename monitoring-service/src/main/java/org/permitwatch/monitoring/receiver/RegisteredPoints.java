package org.permitwatch.monitoring.receiver;

import java.util.Optional;

/**
 * What the receiver needs to know of the registered monitoring points: the access password per MN, and the permit and
 * outlet the point is bound to (stamped on the raw message, so the alert stream judges each value against the outlet
 * the point was bound to when the value arrived — a replay then gives the same alerts).
 */
public interface RegisteredPoints {

    /** The password (PW) of the active point registered under this MN, if any. Never blocks. */
    Optional<String> passwordOf(String mn);

    /** The permit and outlet the point is bound to, if it is registered. Never blocks. */
    Optional<Binding> bindingOf(String mn);

    /** A point's binding to a permit's outlet. */
    /**
     * @param measuredWet the point's analysers measure wet flue gas (ADR 0039): its frames carry
     *                    {@link RawTopic#MEASURED_WET}
     */
    record Binding(String permitNo, String outletCode, boolean measuredWet) {
        Binding(String permitNo, String outletCode) {
            this(permitNo, outletCode, false);
        }
    }
}
