package org.permitwatch.mock.fault;

import java.util.EnumSet;
import java.util.Set;

/** Every misbehaviour of the contract's "Faults" section. */
public enum FaultType {
    /** HTTP 5xx ({@code status}, default 503). */
    SERVER_ERROR(EnumSet.of(Endpoint.LIST, Endpoint.DETAIL), EnumSet.allOf(Endpoint.class)),
    /** TCP connection reset by peer, no HTTP response. */
    CONNECTION_RESET(EnumSet.of(Endpoint.LIST, Endpoint.DETAIL), EnumSet.allOf(Endpoint.class)),
    /** The normal answer, sent after {@code delayMs}. */
    SLOW_RESPONSE(EnumSet.of(Endpoint.LIST, Endpoint.DETAIL), EnumSet.allOf(Endpoint.class)),
    /** HTTP 429 with {@code Retry-After: retryAfterSeconds}. */
    HTTP_429(EnumSet.of(Endpoint.LIST, Endpoint.DETAIL), EnumSet.allOf(Endpoint.class)),
    /** 200 with code 42901 (rate limited). */
    CODE_42901(EnumSet.of(Endpoint.LIST, Endpoint.DETAIL), EnumSet.of(Endpoint.LIST, Endpoint.DETAIL)),
    /** 200 with code 50001 (platform busy). */
    CODE_50001(EnumSet.of(Endpoint.LIST, Endpoint.DETAIL), EnumSet.of(Endpoint.LIST, Endpoint.DETAIL)),
    /** All tokens issued so far become invalid; this request is answered per {@code tokenStyle}. */
    TOKEN_EXPIRED(EnumSet.of(Endpoint.LIST, Endpoint.DETAIL), EnumSet.of(Endpoint.LIST, Endpoint.DETAIL)),
    /** 200 with a JSON body cut in half. */
    MALFORMED_BODY(EnumSet.of(Endpoint.LIST), EnumSet.allOf(Endpoint.class)),
    /** A list page missing its last {@code records} rows although more pages follow. */
    SHORT_PAGE(EnumSet.of(Endpoint.LIST), EnumSet.of(Endpoint.LIST)),
    /**
     * From this page on, the listing repeats the last {@code records} rows of the previous page (as if
     * rows had been inserted ahead of the cursor): those rows appear on two pages, nothing is lost.
     */
    DUPLICATES(EnumSet.of(Endpoint.LIST), EnumSet.of(Endpoint.LIST)),
    /**
     * Before this page is cut, {@code records} rows the client has already paged past are updated
     * (version + 1, updatedAt = now): they move to the end and the following rows shift forward.
     */
    MOVING_DATASET(EnumSet.of(Endpoint.LIST), EnumSet.of(Endpoint.LIST)),
    /** The requested permit is deleted from the dataset just before its detail is served (→ not found). */
    DELETED_BEFORE_DETAIL(EnumSet.of(Endpoint.DETAIL), EnumSet.of(Endpoint.DETAIL)),
    /** 200 with code 40001 (bad parameter, do not retry). */
    BAD_PARAMETER(EnumSet.of(Endpoint.LIST, Endpoint.DETAIL), EnumSet.of(Endpoint.LIST, Endpoint.DETAIL));

    private final Set<Endpoint> defaults;
    private final Set<Endpoint> allowed;

    FaultType(Set<Endpoint> defaults, Set<Endpoint> allowed) {
        this.defaults = defaults;
        this.allowed = allowed;
    }

    public Set<Endpoint> defaultEndpoints() {
        return EnumSet.copyOf(defaults);
    }

    public Set<Endpoint> allowedEndpoints() {
        return EnumSet.copyOf(allowed);
    }
}
