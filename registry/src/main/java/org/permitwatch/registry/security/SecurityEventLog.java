package org.permitwatch.registry.security;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a rejected request once per reason: a misconfigured client renews every few seconds and would otherwise
 * fill the log. Keys are bounded (reason and known client names only, never attacker-chosen text). No credential
 * is ever passed here.
 */
final class SecurityEventLog {

    private static final Logger log = LoggerFactory.getLogger(SecurityEventLog.class);
    private static final int MAX_KEYS = 1_000;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    void once(String key, String message, Object... args) {
        if (seen.size() < MAX_KEYS && seen.add(key)) {
            log.warn(message + " (logged once)", args);
        }
    }

    /** Text a client chose (a user name, a path), made safe for one log line. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String safe = text.replaceAll("[^A-Za-z0-9._:/?=&-]", "?");
        return safe.length() <= 120 ? safe : safe.substring(0, 120) + "...";
    }
}
