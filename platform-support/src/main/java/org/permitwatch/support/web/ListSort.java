package org.permitwatch.support.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.permitwatch.support.problem.ApiException;

/**
 * Server-side sorting of a list (docs/api/README.md, "Sorting"). The request names one field and one direction,
 * {@code sort=<field>,asc} or {@code sort=<field>,desc}; absent means the list's default order, unchanged from before
 * sorting existed. One field, not several: every console table sorts by one column, and a single value can be
 * documented as an enum that generated clients type.
 *
 * <p>The answer is an SQL {@code ORDER BY} body built only from the whitelist's constants: the field's column, then the
 * list's unique tie-breaker in the same direction, so equal values never swap places between pages and a btree index
 * on (column, tie-breaker) can serve the order scanned forwards or backwards.
 */
public final class ListSort {

    private ListSort() {}

    /**
     * The {@code ORDER BY} body for the request's {@code sort}.
     *
     * @param sort         the raw query parameter; null or blank for the default order
     * @param keys         the list's whitelist
     * @param defaultOrder the list's {@code ORDER BY} body when no sort is asked for
     * @param tieBreaker   a unique column (the id) that makes the order total
     * @throws ApiException 400 {@code validation-failed} naming {@code sort} for an unknown field or direction
     */
    public static <K extends Enum<K> & SortKey> String orderBy(
            String sort, Class<K> keys, String defaultOrder, String tieBreaker) {
        if (sort == null || sort.isBlank()) {
            return defaultOrder;
        }
        int comma = sort.indexOf(',');
        String field = comma < 0 ? sort.trim() : sort.substring(0, comma).trim();
        String direction = comma < 0 ? "" : sort.substring(comma + 1).trim().toLowerCase(Locale.ROOT);
        K key = null;
        for (K candidate : keys.getEnumConstants()) {
            if (candidate.field().equals(field)) {
                key = candidate;
            }
        }
        if (key == null || !("asc".equals(direction) || "desc".equals(direction))) {
            throw ApiException.invalidField(
                    "sort", "must be one of " + String.join(" | ", allowed(keys)), sort.length() <= 60 ? sort : null);
        }
        String dir = "asc".equals(direction) ? "ASC" : "DESC";
        List<String> parts = new ArrayList<>();
        for (String column : key.columns()) {
            parts.add(column + " " + dir);
        }
        if (!key.columns().contains(tieBreaker)) {
            parts.add(tieBreaker + " " + dir);
        }
        return String.join(", ", parts);
    }

    /** Every allowed value, {@code <field>,asc} and {@code <field>,desc} per key: the OpenAPI enum. */
    public static List<String> allowed(Class<? extends SortKey> keys) {
        if (!keys.isEnum()) {
            throw new IllegalArgumentException(keys + " must be an enum of sort keys");
        }
        List<String> values = new ArrayList<>();
        for (SortKey key : keys.getEnumConstants()) {
            values.add(key.field() + ",asc");
            values.add(key.field() + ",desc");
        }
        return values;
    }
}
