package org.permitwatch.identity.admin;

import org.permitwatch.support.web.SortKey;

/**
 * The user list's sortable fields (docs/api/README.md, "Sorting"): the whitelist that maps API field names to SQL
 * columns. The username sorts case-insensitively, as the list always has and as sign-in matches it.
 */
enum UserSort implements SortKey {
    USERNAME("username", "lower(username)"),
    DISPLAY_NAME("displayName", "display_name"),
    ROLE("role", "role"),
    DIVISION("division", "division"),
    ENABLED("enabled", "enabled"),
    LAST_LOGIN_AT("lastLoginAt", "last_login_at");

    /** Unique: the tie-breaker that makes every order total (two usernames may differ only in case). */
    static final String TIE_BREAKER = "id";

    /** The order before sorting existed, now with the tie-breaker. */
    static final String DEFAULT_ORDER = "lower(username), id";

    private final String field;
    private final String column;

    UserSort(String field, String column) {
        this.field = field;
        this.column = column;
    }

    @Override
    public String field() {
        return field;
    }

    @Override
    public String column() {
        return column;
    }
}
