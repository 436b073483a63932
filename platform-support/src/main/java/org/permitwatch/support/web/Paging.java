package org.permitwatch.support.web;

import java.util.List;
import org.permitwatch.support.problem.ApiException;

/**
 * A validated page request (ADR 0001): {@code page} 0-based, {@code size} 1..{@value #MAX_SIZE} (default
 * {@value #DEFAULT_SIZE}). Every list endpoint of every service takes it, so no list is ever unbounded.
 */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /** Validates raw query parameters; a bad value becomes a 400 problem naming the parameter. */
    public static Paging of(Integer page, Integer size) {
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

    /** Rows to skip: the SQL {@code OFFSET}. */
    public long offset() {
        return (long) page * size;
    }

    /** The response for this page. */
    public <T> PageResponse<T> page(List<T> items, long total) {
        return new PageResponse<>(items, page, size, total);
    }
}
