package org.permitwatch.liaison.contact;

import java.util.List;
import org.permitwatch.support.problem.ApiException;

/** A validated page request ({@code page} 0-based, {@code size} 1..200, default 20) and the list shape of ADR 0001. */
record Paging(int page, int size) {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 200;

    static Paging of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw ApiException.invalidField("page", "must be 0 or greater", p);
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ApiException.invalidField("size", "must be between 1 and " + MAX_SIZE, s);
        }
        return new Paging(p, s);
    }

    long offset() {
        return (long) page * size;
    }

    <T> Page<T> page(List<T> items, long total) {
        return new Page<>(List.copyOf(items), page, size, total);
    }

    /** {@code {items, page, size, total}}. */
    record Page<T>(List<T> items, int page, int size, long total) {
    }
}
