package org.permitwatch.mock.server;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.permitwatch.mock.fault.Endpoint;
import org.permitwatch.mock.fault.FaultType;

final class Counters {

    private final Map<Endpoint, LongAdder> requests = new EnumMap<>(Endpoint.class);
    private final Map<FaultType, LongAdder> faults = new EnumMap<>(FaultType.class);
    private final LongAdder unauthorized = new LongAdder();

    Counters() {
        for (Endpoint e : Endpoint.values()) {
            requests.put(e, new LongAdder());
        }
        for (FaultType t : FaultType.values()) {
            faults.put(t, new LongAdder());
        }
    }

    void request(Endpoint e) {
        requests.get(e).increment();
    }

    void fault(FaultType t) {
        faults.get(t).increment();
    }

    void unauthorized() {
        unauthorized.increment();
    }

    void reset() {
        requests.values().forEach(LongAdder::reset);
        faults.values().forEach(LongAdder::reset);
        unauthorized.reset();
    }

    MockStats snapshot() {
        Map<FaultType, Long> fired = new EnumMap<>(FaultType.class);
        faults.forEach((t, n) -> {
            if (n.sum() > 0) {
                fired.put(t, n.sum());
            }
        });
        return new MockStats(
                requests.get(Endpoint.TOKEN).sum(),
                requests.get(Endpoint.LIST).sum(),
                requests.get(Endpoint.DETAIL).sum(),
                unauthorized.sum(),
                Map.copyOf(fired));
    }
}
