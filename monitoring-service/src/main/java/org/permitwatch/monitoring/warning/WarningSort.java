package org.permitwatch.monitoring.warning;

import org.permitwatch.support.web.SortKey;

/** Sortable fields of the warning list (docs/api/README.md#sorting). */
enum WarningSort implements SortKey {
    STARTS_AT("startsAt", "w.starts_at"),
    CITY_CODE("cityCode", "w.city_code"),
    LEVEL("level", "w.level");

    static final String TIE_BREAKER = "w.id";
    static final String DEFAULT_ORDER = "w.starts_at DESC, w.id DESC";

    private final String field;
    private final String column;

    WarningSort(String field, String column) {
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
