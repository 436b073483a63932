package org.permitwatch.monitoring.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.memory.GarbageCollections;

class BurstHeadroomTest {

    private static final long SECOND = 1_000_000_000L;

    /** A JVM's two ratios as the test sets them, with every write and collection recorded. */
    static final class Ratios implements BurstHeadroom.HeapFreeRatios {
        int min;
        int max;
        final List<String> calls = new ArrayList<>();

        Ratios(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public int min() {
            return min;
        }

        @Override
        public int max() {
            return max;
        }

        @Override
        public void set(int min, int max) {
            this.min = min;
            this.max = max;
            calls.add("set " + min + "-" + max);
        }

        @Override
        public GarbageCollections.Returned collect() {
            calls.add("collect");
            return new GarbageCollections.Returned(90, 70, 1);
        }
    }

    private final ReceiverMetrics metrics = new ReceiverMetrics(new SimpleMeterRegistry());
    private long now = 0;

    private void frames(int n) {
        for (int i = 0; i < n; i++) {
            metrics.accepted("2051");
        }
    }

    private BurstHeadroom headroom(Ratios ratios, boolean enabled) {
        BurstHeadroom headroom = new BurstHeadroom(
                metrics, new BurstHeadroomProperties(enabled, 2000, 25, 40, Duration.ofSeconds(30)), ratios, false);
        headroom.tick(now); // the first look only sets where the count stands
        return headroom;
    }

    private void second(BurstHeadroom headroom, int frames) {
        frames(frames);
        now += SECOND;
        headroom.tick(now);
    }

    @Test
    void realTimeRatesLeaveTheRatiosAlone() {
        Ratios ratios = new Ratios(5, 20);
        BurstHeadroom headroom = headroom(ratios, true);
        for (int s = 0; s < 60; s++) {
            second(headroom, 1999);
        }
        assertThat(ratios.calls).isEmpty();
        assertThat(headroom.raised()).isFalse();
    }

    @Test
    void aBurstRaisesTheRatiosAndThirtyCalmSecondsRestoreThemAndCollectOnce() {
        Ratios ratios = new Ratios(5, 20);
        BurstHeadroom headroom = headroom(ratios, true);
        second(headroom, 2000);
        assertThat(ratios.calls).containsExactly("set 25-40");
        // a lull shorter than calm-after keeps the headroom; the burst resumes
        for (int s = 0; s < 20; s++) {
            second(headroom, 100);
        }
        second(headroom, 15_000);
        for (int s = 0; s < 30; s++) {
            second(headroom, 400);
        }
        assertThat(ratios.calls).containsExactly("set 25-40");
        assertThat(headroom.raised()).isTrue();
        second(headroom, 400); // 30 s after the first calm second
        assertThat(ratios.calls).containsExactly("set 25-40", "set 5-20", "collect");
        assertThat(headroom.raised()).isFalse();
        second(headroom, 0);
        assertThat(ratios.calls).hasSize(3);
    }

    @Test
    void ratiosAboveTheBurstsAreNeverLowered() {
        Ratios ratios = new Ratios(40, 70); // the JVM's defaults, as a pod without run.sh's flags has them
        BurstHeadroom headroom = headroom(ratios, true);
        second(headroom, 5000);
        assertThat(ratios.calls).containsExactly("set 40-70");
    }

    @Test
    void disabledItNeverTouchesTheJvm() {
        Ratios ratios = new Ratios(5, 20);
        BurstHeadroom headroom = headroom(ratios, false);
        second(headroom, 50_000);
        for (int s = 0; s < 40; s++) {
            second(headroom, 0);
        }
        headroom.destroy();
        assertThat(ratios.calls).isEmpty();
    }

    @Test
    void thisJvmsRatiosAreWrittenInAnOrderTheJvmAccepts() {
        BurstHeadroom.HeapFreeRatios jvm = BurstHeadroom.thisJvm();
        int min = jvm.min();
        int max = jvm.max();
        try {
            jvm.set(5, 20); // both below the test JVM's: the minimum first
            assertThat(List.of(jvm.min(), jvm.max())).containsExactly(5, 20);
            jvm.set(25, 40); // the new minimum is above the old maximum: the maximum first
            assertThat(List.of(jvm.min(), jvm.max())).containsExactly(25, 40);
            jvm.set(5, 20);
            assertThat(List.of(jvm.min(), jvm.max())).containsExactly(5, 20);
        } finally {
            jvm.set(min, max);
        }
        assertThat(List.of(jvm.min(), jvm.max())).containsExactly(min, max);
    }
}
