package org.permitwatch.permitsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permitwatch.permitsync.connector.PermitSummary;

class KeysetPositionTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 2, 10, 15, 0, 0, ZoneOffset.ofHours(8));
    private final SyncProperties props = new SyncProperties(
            500,
            8,
            Duration.ofMinutes(10),
            Duration.ofSeconds(1),
            "-",
            SyncMode.INCREMENTAL,
            new SyncProperties.AutoResume(8, Duration.ofMinutes(1), 2.0, 0.5, Duration.ofMinutes(30)),
            new SyncProperties.Lease(Duration.ofSeconds(30), Duration.ofSeconds(10), ""),
            Duration.ofSeconds(5),
            new SyncProperties.HeapReturn(false, 500));

    private static PermitSummary permit(String no, OffsetDateTime at, long version) {
        return new PermitSummary(
                no,
                "USCC",
                "单位",
                "140000",
                "140100",
                "140105",
                "2521",
                "炼焦",
                "重点管理",
                "有效",
                LocalDate.of(2023, 6, 1),
                LocalDate.of(2023, 6, 1),
                LocalDate.of(2028, 5, 31),
                "局",
                version,
                at);
    }

    @Test
    void firstPageListsFromTheWatermarkAndMovesTheCursorToThePagesLastRecord() {
        var start = new SyncEngine.Position(T0, null, null, 1, false);
        assertThat(start.since(props)).isEqualTo(T0);

        var next =
                start.after(List.of(permit("A", T0, 1), permit("B", T0.plusSeconds(5), 1)), start.since(props), props);

        assertThat(next.cursorAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(next.cursorNo()).isEqualTo("B");
        assertThat(next.pageNo()).isEqualTo(1);
        assertThat(next.since(props)).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void recordsAtOrBeforeTheCursorAreSkippedAndRepeatsKeepTheHighestVersion() {
        var p = new SyncEngine.Position(null, T0, "M", 1, false);
        var fresh = SyncEngine.freshRecords(
                List.of(
                        permit("A", T0.minusSeconds(1), 1), // before the cursor (overlap)
                        permit("M", T0, 3), // the cursor itself
                        permit("N", T0, 1), // same second, later permit number
                        permit("X", T0.plusSeconds(1), 2),
                        permit("X", T0.plusSeconds(1), 4)),
                p);

        assertThat(fresh).extracting(PermitSummary::permitNo).containsExactly("N", "X");
        assertThat(fresh.get(1).version()).isEqualTo(4);
    }

    @Test
    void aPageThatDoesNotMoveTheCursorAsksTheNextPageOfTheSameListing() {
        var p = new SyncEngine.Position(null, T0, "Z", 1, false);
        OffsetDateTime since = p.since(props);

        var next = p.after(List.of(permit("A", T0, 1), permit("B", T0, 1)), since, props);

        assertThat(next.cursorNo()).isEqualTo("Z");
        assertThat(next.pageNo()).isEqualTo(2);
        assertThat(next.since(props)).isEqualTo(since);
    }

    @Test
    void aCursorMovingWithinTheSameSecondKeepsPagingTheSameListing() {
        var p = new SyncEngine.Position(null, T0, "A", 1, false);
        var next = p.after(List.of(permit("A", T0, 1), permit("B", T0, 1)), p.since(props), props);

        assertThat(next.cursorNo()).isEqualTo("B");
        assertThat(next.pageNo()).isEqualTo(2);
    }

    @Test
    void offsetsInOtherZonesCompareAsInstants() {
        var p = new SyncEngine.Position(null, T0, "M", 1, false);
        OffsetDateTime sameInstantUtc = T0.withOffsetSameInstant(ZoneOffset.UTC);

        assertThat(p.isAfterCursor(permit("M", sameInstantUtc, 1))).isFalse();
        assertThat(p.isAfterCursor(permit("N", sameInstantUtc, 1))).isTrue();
    }
}
