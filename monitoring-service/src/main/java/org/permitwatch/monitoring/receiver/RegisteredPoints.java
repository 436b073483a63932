package org.permitwatch.monitoring.receiver;

import java.util.Optional;

/** What the receiver needs to know of the registered monitoring points: the access password per MN. */
public interface RegisteredPoints {

    /** The password (PW) of the active point registered under this MN, if any. Never blocks. */
    Optional<String> passwordOf(String mn);
}
