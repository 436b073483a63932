package org.permitwatch.mock.fault;

/** The contract's endpoints, as fault targets and stats keys. */
public enum Endpoint {
    /** {@code POST /oauth/token} */
    TOKEN,
    /** {@code GET /api/v1/permits} */
    LIST,
    /** {@code GET /api/v1/permits/{permitNo}} */
    DETAIL
}
