package org.permitwatch.mock.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The switchboard of active faults, shared by the Java API and the {@code /__mock/faults} admin endpoint.
 * Faults are checked in the order they were enabled; the first one that fires decides the request.
 */
public final class Faults {

    /** An enabled fault with its counters. */
    public record ActiveFault(String id, FaultSpec spec, int matched, int fired) {}

    private static final class Slot {
        final String id;
        final FaultSpec spec;
        int matched;
        int fired;

        Slot(String id, FaultSpec spec) {
            this.id = id;
            this.spec = spec;
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private final Random random;
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Runnable> clearListeners = new CopyOnWriteArrayList<>();

    public Faults(long seed) {
        this.random = new Random(seed);
    }

    /** Enables the faults; returns their ids in order. */
    public synchronized List<String> enable(FaultSpec... specs) {
        List<String> out = new ArrayList<>();
        for (FaultSpec spec : specs) {
            String id = "fault-" + ids.incrementAndGet();
            slots.add(new Slot(id, spec));
            out.add(id);
        }
        return out;
    }

    public synchronized boolean disable(String id) {
        return slots.removeIf(s -> s.id.equals(id));
    }

    /** Removes every fault and the paging distortions (duplicate shifts) they left behind. */
    public void clear() {
        synchronized (this) {
            slots.clear();
        }
        clearListeners.forEach(Runnable::run);
    }

    public synchronized List<ActiveFault> active() {
        return slots.stream()
                .map(s -> new ActiveFault(s.id, s.spec, s.matched, s.fired))
                .toList();
    }

    /**
     * Called by the server for every contract request: counts the match on every enabled fault and returns
     * the first one that fires.
     */
    public synchronized Optional<FaultSpec> decide(Endpoint endpoint, Integer pageNo, String permitNo) {
        FaultSpec chosen = null;
        for (Slot s : slots) {
            if (!s.spec.matches(endpoint, pageNo, permitNo)) {
                continue;
            }
            s.matched++;
            boolean armed = s.matched > s.spec.after() && (s.spec.times() < 0 || s.fired < s.spec.times());
            if (chosen == null
                    && armed
                    && (s.spec.probability() >= 1.0 || random.nextDouble() < s.spec.probability())) {
                s.fired++;
                chosen = s.spec;
            }
        }
        return Optional.ofNullable(chosen);
    }

    public void onClear(Runnable listener) {
        clearListeners.add(listener);
    }
}
