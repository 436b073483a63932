package org.permitwatch.support.memory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Set;

/**
 * This JVM's garbage collections: one full collection on request, and how many of each kind ran so far.
 *
 * <p>run.sh gives every Spring service the serial collector with heap-free ratios that shrink the heap at a full
 * collection (ADR 0046, 0054). The serial collector never starts one for an idle heap, so a service that knows a burst
 * of its own has just ended (a sync run, ADR 0062; an HJ 212 backfill, ADR 0063) asks for it here. {@link
 * #giveHeapBack} blocks its caller for the collection (0.1–0.5 s at these heap sizes): never call it on an event loop.
 */
public final class GarbageCollections {

    /** The young-generation collectors of the JDK's collectors; a concurrent cycle's bean counts neither kind. */
    private static final Set<String> YOUNG = Set.of("Copy", "PS Scavenge", "ParNew", "G1 Young Generation");

    private static final Set<String> NEITHER = Set.of("G1 Concurrent GC");

    private GarbageCollections() {}

    /** What one full collection gave back: the heap's committed size before and after, and how long it took. */
    public record Returned(long committedBeforeMb, long committedAfterMb, long millis) {}

    /** Collections and their accumulated time, young and full, since the JVM started. */
    public record Counts(long young, long youngMillis, long full, long fullMillis) {

        public static Counts now() {
            long young = 0;
            long youngMillis = 0;
            long full = 0;
            long fullMillis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (isYoung(gc.getName())) {
                    young += gc.getCollectionCount();
                    youngMillis += gc.getCollectionTime();
                } else if (!NEITHER.contains(gc.getName())) {
                    full += gc.getCollectionCount();
                    fullMillis += gc.getCollectionTime();
                }
            }
            return new Counts(young, youngMillis, full, fullMillis);
        }
    }

    /** One full collection ({@code System.gc()}), which shrinks the heap to the JVM's heap-free ratios. */
    public static Returned giveHeapBack() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = memory.getHeapMemoryUsage().getCommitted();
        long started = System.nanoTime();
        System.gc();
        long after = memory.getHeapMemoryUsage().getCommitted();
        return new Returned(before >> 20, after >> 20, (System.nanoTime() - started) / 1_000_000);
    }

    static boolean isYoung(String collector) {
        return YOUNG.contains(collector);
    }
}
