package org.permitwatch.support.web;

import java.util.List;

/**
 * One field a list may be sorted by: the name the API uses ({@code sort=<field>,asc}) and the SQL expression it orders
 * by. A list's sortable fields are the constants of one enum implementing this interface: the enum is the whitelist,
 * so a column never comes from the request (docs/api/README.md, "Sorting").
 */
public interface SortKey {

    /** The name in {@code sort=<field>,<direction>}: the response member's name. */
    String field();

    /** The SQL expression (a column of the list's query); a constant in code, never request text. */
    String column();

    /**
     * The SQL expressions the field orders by, most significant first, each in the requested direction. One column by
     * default; a value that reads as text but orders as numbers (a 文号 such as 并环罚〔2026〕10号, whose 10 must follow
     * 2) names its parts here instead: its text prefix, then its numbers.
     */
    default List<String> columns() {
        return List.of(column());
    }
}
