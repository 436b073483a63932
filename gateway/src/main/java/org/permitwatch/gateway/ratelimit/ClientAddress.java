package org.permitwatch.gateway.ratelimit;

import java.util.regex.Pattern;

/**
 * Who an anonymous caller is, for its rate-limit bucket. X-Forwarded-For is believed only when the immediate peer
 * is a trusted proxy (the ingress), and then only its right-most entry that is not itself a trusted proxy: each
 * proxy appends the address it saw, so everything left of that entry was written by the client and can be forged.
 * With no trusted proxy configured (the local default; loopback is not trusted either) the peer is the caller.
 */
final class ClientAddress {

    /** A regular expression that matches no address: nothing is trusted. */
    static final String TRUST_NONE = "(?!)";

    private static final int MAX_ENTRIES = 20;

    private final Pattern trustedProxies;

    ClientAddress(String trustedProxies) {
        this.trustedProxies =
                Pattern.compile(trustedProxies == null || trustedProxies.isBlank() ? TRUST_NONE : trustedProxies);
    }

    String of(String peer, String forwardedFor) {
        if (forwardedFor == null || !isTrusted(peer)) {
            return peer;
        }
        String[] entries = forwardedFor.split(",");
        for (int i = entries.length - 1, seen = 0; i >= 0 && seen < MAX_ENTRIES; i--, seen++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (!isTrusted(entry)) {
                return entry;
            }
        }
        // Only trusted hops (or nothing usable): the request came from inside; count it against the peer.
        return peer;
    }

    private boolean isTrusted(String address) {
        return trustedProxies.matcher(address).matches();
    }
}
