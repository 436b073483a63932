package org.permitwatch.mock.dataset;

/** A permit as the mock currently holds it: the list row plus the detail the detail endpoint serves. */
public record PlatformPermit(PermitSummary summary, PermitDetail detail) {

    public String permitNo() {
        return summary.permitNo();
    }
}
