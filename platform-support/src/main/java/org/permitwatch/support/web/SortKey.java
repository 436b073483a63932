package org.permitwatch.support.web;

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
}
