package org.permitwatch.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.permitwatch.mock.PlatformClient.Reply;
import org.permitwatch.mock.dataset.PermitSummary;

/** 100,000 permits: generated, served and streamed with details (figures go to the test output). */
class LargeDatasetIT {

    @Test
    void hundredThousandPermits() {
        Runtime rt = Runtime.getRuntime();
        long started = System.nanoTime();
        try (NationalPlatformMock mock = NationalPlatformMock.start(
                MockOptions.builder().size(100_000).seed(42L).build())) {
            long generatedMs = (System.nanoTime() - started) / 1_000_000;
            System.gc();
            long usedMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
            System.out.printf("100k permits: start %d ms, heap used after GC %d MB%n", generatedMs, usedMb);

            assertThat(mock.dataset().size()).isEqualTo(100_000);
            Set<String> numbers = new HashSet<>();
            for (PermitSummary s : mock.dataset().summaries()) {
                assertThat(numbers.add(s.permitNo())).isTrue();
            }
            long detailsStarted = System.nanoTime();
            long outlets = mock.dataset().stream()
                    .mapToLong(p -> p.detail().outlets().size())
                    .sum();
            System.out.printf(
                    "100k details streamed in %d ms, %d outlets%n",
                    (System.nanoTime() - detailsStarted) / 1_000_000, outlets);
            assertThat(outlets).isGreaterThan(100_000);

            PlatformClient client = new PlatformClient(mock);
            Reply last = client.list("provinceCode=14&pageSize=500&pageNo=200");
            assertThat(last.data()).containsEntry("total", 100_000);
            assertThat(last.records()).hasSize(500);
            assertThat(last.records().get(499).get("permitNo"))
                    .isEqualTo(mock.dataset().summaries().get(99_999).permitNo());
        }
    }
}
