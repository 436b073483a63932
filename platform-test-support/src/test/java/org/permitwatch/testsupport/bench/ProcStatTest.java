package org.permitwatch.testsupport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatTest {

    @Test
    void fieldsStartAfterACommandNameHoldingSpacesAndParentheses(@TempDir Path dir) throws Exception {
        // proc(5): pid (comm) state ppid … utime(14) stime(15) cutime(16) cstime(17); comm is "C2 (x) y".
        Path stat = dir.resolve("stat");
        Files.writeString(stat, "4242 (C2 (x) y) S 17 4242 4242 0 -1 4194560 5 0 0 0 300 45 7 9 20 0 1 0\n");
        String[] f = ProcStat.fields(stat);
        assertThat(f[0]).isEqualTo("S");
        assertThat(f[1]).isEqualTo("17");
        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(345);
    }

    @Test
    void aProcessReadsItsOwnParentAndCpuTime() {
        long self = ProcessHandle.current().pid();
        assertThat(ProcStat.parent(self))
                .isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
        long before = ProcStat.cpuTicks(self);
        assertThat(before).isPositive();
        // Reading /proc costs CPU: read until the kernel has charged this JVM one more tick (1/100 s). A reading that
        // failed would give 0 and end the loop too, and fail below.
        long now = before;
        while (now == before) {
            now = ProcStat.cpuTicks(self);
        }
        assertThat(now).isGreaterThan(before);
    }

    @Test
    void aProcessThatIsGoneCountsNothing(@TempDir Path dir) {
        assertThat(ProcStat.cpuTicks(dir.resolve("no-such-stat"))).isZero();
        assertThat(ProcStat.cpuTicks(Long.MAX_VALUE)).isZero();
        assertThat(ProcStat.reapedChildTicks(Long.MAX_VALUE)).isZero();
        assertThat(ProcStat.parent(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
