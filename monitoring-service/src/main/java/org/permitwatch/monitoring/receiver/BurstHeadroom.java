package org.permitwatch.monitoring.receiver;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.permitwatch.support.memory.GarbageCollections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Keeps old-generation headroom while the receiver takes a burst, and gives it back once the burst is over (ADR 0063).
 *
 * <p>run.sh sizes the services' heaps to give memory back ({@code MinHeapFreeRatio=5}, {@code MaxHeapFreeRatio=20}:
 * after each full collection at most a fifth of the old generation stays free), which keeps monitoring-service under
 * its 300 MB idle. In a backfill burst that is the wrong size: 3,200 frames in flight are promoted at every young
 * collection, the small old generation fills within a second, and the burst measured 90 full collections in 24 s —
 * 10 s of them, a third of its CPU (docs/benchmarks.md, session 15). Both ratios are manageable flags, read by the
 * serial collector at each full collection, so the service raises them while frames arrive faster than real time
 * would send them and restores the JVM's own when the rate has stayed low for {@code calmAfter}; then one full
 * collection shrinks the heap back at once instead of at some later one (as ADR 0062 does for a sync run).
 *
 * <p>Checked once a second on a thread of its own; the collection at the end blocks that thread only.
 */
@Component
@EnableConfigurationProperties(BurstHeadroomProperties.class)
class BurstHeadroom implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BurstHeadroom.class);

    /** The two heap-free ratios of this JVM, and a full collection. */
    interface HeapFreeRatios {
        int min();

        int max();

        void set(int min, int max);

        GarbageCollections.Returned collect();
    }

    private final ReceiverMetrics metrics;
    private final BurstHeadroomProperties properties;
    private final HeapFreeRatios ratios;
    private final int ownMin;
    private final int ownMax;
    private final ScheduledExecutorService timer;

    private long lastAccepted;
    private long lastTick;
    private boolean raised;
    /** When the rate fell below the threshold during a burst; -1 while it is above. */
    private long calmSince = -1;

    @Autowired
    BurstHeadroom(ReceiverMetrics metrics, BurstHeadroomProperties properties) {
        this(metrics, properties, thisJvm(), true);
    }

    BurstHeadroom(
            ReceiverMetrics metrics, BurstHeadroomProperties properties, HeapFreeRatios ratios, boolean schedule) {
        this.metrics = metrics;
        this.properties = properties;
        this.ratios = ratios;
        this.ownMin = ratios.min();
        this.ownMax = ratios.max();
        this.lastAccepted = metrics.acceptedTotal();
        this.lastTick = System.nanoTime();
        if (properties.enabled() && schedule) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "hj212-burst-headroom");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(() -> tick(System.nanoTime()), 1, 1, TimeUnit.SECONDS);
        } else {
            timer = null;
        }
    }

    @Override
    public synchronized void destroy() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (raised) {
            ratios.set(ownMin, ownMax);
        }
    }

    /** One look at the accepted frames since the last (the timer's task; tests call it with their own time). */
    synchronized void tick(long nowNanos) {
        if (!properties.enabled()) {
            return;
        }
        long accepted = metrics.acceptedTotal();
        double seconds = Math.max(nowNanos - lastTick, 1) / 1e9;
        double rate = (accepted - lastAccepted) / seconds;
        lastAccepted = accepted;
        lastTick = nowNanos;
        if (rate >= properties.framesPerSecond()) {
            calmSince = -1;
            if (!raised) {
                int min = Math.max(ownMin, properties.minFree());
                int max = Math.max(ownMax, properties.maxFree());
                ratios.set(min, max);
                raised = true;
                log.info(
                        "HJ 212 burst ({} frames/s): heap-free ratios {}-{} % until it is over (were {}-{} %)",
                        Math.round(rate), min, max, ownMin, ownMax);
            }
        } else if (raised) {
            if (calmSince < 0) {
                calmSince = nowNanos;
            } else if (nowNanos - calmSince >= properties.calmAfter().toNanos()) {
                ratios.set(ownMin, ownMax);
                raised = false;
                calmSince = -1;
                GarbageCollections.Returned returned = ratios.collect();
                log.info(
                        "HJ 212 burst over: heap-free ratios {}-{} % again, heap {} -> {} MB committed in {} ms",
                        ownMin, ownMax, returned.committedBeforeMb(), returned.committedAfterMb(), returned.millis());
            }
        }
    }

    boolean raised() {
        return raised;
    }

    /** This JVM's flags through its HotSpot diagnostic bean (both are manageable: writable at run time). */
    static HeapFreeRatios thisJvm() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return new HeapFreeRatios() {
            @Override
            public int min() {
                return Integer.parseInt(vm.getVMOption("MinHeapFreeRatio").getValue());
            }

            @Override
            public int max() {
                return Integer.parseInt(vm.getVMOption("MaxHeapFreeRatio").getValue());
            }

            @Override
            public void set(int min, int max) {
                // The JVM refuses a step that would put the minimum above the maximum: order the two writes.
                if (min > max()) {
                    vm.setVMOption("MaxHeapFreeRatio", String.valueOf(max));
                    vm.setVMOption("MinHeapFreeRatio", String.valueOf(min));
                } else {
                    vm.setVMOption("MinHeapFreeRatio", String.valueOf(min));
                    vm.setVMOption("MaxHeapFreeRatio", String.valueOf(max));
                }
            }

            @Override
            public GarbageCollections.Returned collect() {
                return GarbageCollections.giveHeapBack();
            }
        };
    }
}
