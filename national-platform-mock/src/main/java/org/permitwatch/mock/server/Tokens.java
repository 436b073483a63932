package org.permitwatch.mock.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.permitwatch.mock.TokenErrorStyle;

/** Issued bearer tokens with their expiry on the mock's clock. */
final class Tokens {

    private final Clock clock;
    private final Duration ttl;
    private final TokenErrorStyle defaultStyle;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> live = new ConcurrentHashMap<>();
    /** Tokens revoked by a TOKEN_EXPIRED fault, answered in that fault's style (bounded). */
    private final Map<String, TokenErrorStyle> revoked =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TokenErrorStyle> eldest) {
                    return size() > 10_000;
                }
            });

    Tokens(Clock clock, Duration ttl, TokenErrorStyle defaultStyle) {
        this.clock = clock;
        this.ttl = ttl;
        this.defaultStyle = defaultStyle;
    }

    String issue() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        live.put(token, clock.instant().plus(ttl));
        return token;
    }

    long ttlSeconds() {
        return ttl.toSeconds();
    }

    /** Null when the Authorization header carries a live token, else how to answer. */
    TokenErrorStyle check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return defaultStyle;
        }
        String token = authorization.substring(7).trim();
        TokenErrorStyle revokedStyle = revoked.get(token);
        if (revokedStyle != null) {
            return revokedStyle;
        }
        Instant expiry = live.get(token);
        if (expiry == null) {
            return defaultStyle;
        }
        if (!clock.instant().isBefore(expiry)) {
            live.remove(token);
            return defaultStyle;
        }
        return null;
    }

    /** Invalidates every token issued so far: the "token expiring mid-sync" fault. */
    void revokeAll(TokenErrorStyle style) {
        Set<String> all = Set.copyOf(live.keySet());
        for (String t : all) {
            live.remove(t);
            revoked.put(t, style);
        }
    }
}
