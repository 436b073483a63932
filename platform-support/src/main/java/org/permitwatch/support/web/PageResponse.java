package org.permitwatch.support.web;

import java.util.List;

/** The list shape of every paged endpoint (ADR 0001): the items of one page plus the total count. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    public PageResponse {
        items = List.copyOf(items);
    }
}
