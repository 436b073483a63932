package org.permitwatch.support.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BureauClockTest {

    // 2026-12-31 16:30 UTC = 2027-01-01 00:30 Beijing time: the JVM's UTC calendar says 31 December.
    final BureauClock clock = new BureauClock(
            Clock.fixed(Instant.parse("2026-12-31T16:30:00Z"), ZoneOffset.UTC), ZoneId.of("Asia/Shanghai"));

    @Test
    void theBureausDayMonthAndYearNotTheJvms() {
        assertThat(clock.today()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(clock.thisMonth()).isEqualTo(YearMonth.of(2027, 1));
        assertThat(clock.now().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(clock.now().getYear()).isEqualTo(2027);
    }

    @Test
    void dayOfAnInstantAndStartOfADay() {
        assertThat(clock.dayOf(OffsetDateTime.parse("2026-06-30T16:30:00Z"))).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(clock.startOf(LocalDate.of(2026, 7, 1)).toInstant())
                .isEqualTo(Instant.parse("2026-06-30T16:00:00Z"));
    }
}
