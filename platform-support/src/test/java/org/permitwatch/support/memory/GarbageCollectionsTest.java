package org.permitwatch.support.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GarbageCollectionsTest {

    @Test
    void givingTheHeapBackIsOneFullCollection() {
        GarbageCollections.Counts before = GarbageCollections.Counts.now();
        GarbageCollections.Returned returned = GarbageCollections.giveHeapBack();
        GarbageCollections.Counts after = GarbageCollections.Counts.now();
        assertThat(after.full()).isGreaterThan(before.full());
        assertThat(returned.committedBeforeMb()).isPositive();
        assertThat(returned.committedAfterMb()).isPositive();
        assertThat(returned.millis()).isNotNegative();
    }

    @Test
    void collectorsAreSortedByWhatTheyCollect() {
        for (String young : new String[] {"Copy", "PS Scavenge", "ParNew", "G1 Young Generation"}) {
            assertThat(GarbageCollections.isYoung(young)).as(young).isTrue();
        }
        for (String full : new String[] {"MarkSweepCompact", "PS MarkSweep", "G1 Old Generation"}) {
            assertThat(GarbageCollections.isYoung(full)).as(full).isFalse();
        }
    }
}
