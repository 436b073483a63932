package org.permitwatch.monitoring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class PartitionRetentionTest {

    private final PartitionMaintenance maintenance =
            new PartitionMaintenance(null, new StorageProperties(2, 13, 61, 121, "-"), null, null);

    @Test
    void minuteValuesKeepThirteenMonthsCurrentIncluded() {
        YearMonth now = YearMonth.of(2026, 12);
        // 13 months back from 2026-12 inclusive: 2026-12 … 2025-12 (12 + 1); 2025-11 is the first to go.
        assertThat(maintenance.expired("minute_value", YearMonth.of(2025, 12), now))
                .isFalse();
        assertThat(maintenance.expired("minute_value", YearMonth.of(2025, 11), now))
                .isTrue();
        // 61 months of hourly values: 2026-12 back to 2021-12 (60 + 1).
        assertThat(maintenance.expired("hourly_value", YearMonth.of(2021, 12), now))
                .isFalse();
        assertThat(maintenance.expired("hourly_value", YearMonth.of(2021, 11), now))
                .isTrue();
        assertThat(maintenance.expired("daily_value", YearMonth.of(2027, 2), now))
                .isFalse();
    }

    @Test
    void partitionNamesAreTableAndMonth() {
        assertThat(Partitions.name("hourly_value", YearMonth.of(2026, 3))).isEqualTo("hourly_value_202603");
    }
}
