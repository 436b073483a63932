package org.permitwatch.inspection.task;

import org.permitwatch.support.problem.ApiException;

/** A validated page request: {@code page} 0-based, {@code size} 1..200 (default 20). */
public record Paging(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    /** Validates raw parameters; a bad value becomes a 400 problem naming the parameter. */
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

    public long offset() {
        return (long) page * size;
    }
}
