package org.permitwatch.permitsync.connector;

import java.util.List;

/** One page of the permit list, as the platform returned it (records may repeat across pages). */
public record PermitPage(long total, int pageNo, int pageSize, List<PermitSummary> records) {
    public PermitPage {
        records = List.copyOf(records);
    }
}
