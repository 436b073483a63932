package org.permitwatch.mock.server;

import java.util.Map;
import org.permitwatch.mock.fault.FaultType;

/**
 * Request counters since start or the last stats reset: enough for "platform calls per permit".
 * Every request counts, including the ones a fault answered.
 */
public record MockStats(
        long tokenRequests,
        long listRequests,
        long detailRequests,
        long unauthorizedRequests,
        Map<FaultType, Long> faultsFired) {

    public long dataRequests() {
        return listRequests + detailRequests;
    }

    public long faultsFiredTotal() {
        return faultsFired.values().stream().mapToLong(Long::longValue).sum();
    }
}
