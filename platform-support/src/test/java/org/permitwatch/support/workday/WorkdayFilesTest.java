package org.permitwatch.support.workday;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' external location: a year added while the service runs takes effect at the next reload; a bad file
 * is refused without dropping what was loaded. The 2027 content below is a TEST FIXTURE, not the State Council's
 * 2027 arrangement (which is not published in this repository's sources): its dates are chosen to differ from the
 * provisional count so the tests can tell the two apart.
 */
class WorkdayFilesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Fixture, NOT the real arrangement: 元旦 2027-01-01..01-03 and a make-up working Saturday 2027-01-09. */
    static final String FIXTURE_2027 = """
            {"year": 2027, "title": "TEST FIXTURE — not the State Council's 2027 arrangement",
             "source": "test fixture written by WorkdayFilesTest",
             "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"},
                          {"name": "春节", "from": "2027-02-05", "to": "2027-02-12"}],
             "workingWeekends": [{"date": "2027-01-09", "for": "元旦"}]}""";

    @TempDir
    Path dir;

    WorkdayFiles files() {
        return new WorkdayFiles(JSON, "file:" + dir.toAbsolutePath() + "/*.json");
    }

    @Test
    void withoutAnExternalLocationOnlyTheShippedYearsLoad() {
        WorkdayFiles files = new WorkdayFiles(JSON, "");
        assertThat(files.calendar().years()).containsExactly(2025, 2026);
        assertThat(files.reload()).containsExactly(2025, 2026);
    }

    @Test
    void aYearAddedWhileRunningTakesEffectAtTheNextReloadAndMakesTheDeadlineFinal() throws IOException {
        WorkdayFiles files = files();
        WorkdayCalendar calendar = files.calendar();
        // Before: provisional, 5 working days after 2026-12-28 = 2027-01-05 (see WorkdayCalendarTest).
        assertThat(calendar.deadline(LocalDate.of(2026, 12, 28), 5).provisional())
                .isTrue();

        Files.writeString(dir.resolve("cn-2027.json"), FIXTURE_2027);
        assertThat(files.reload()).containsExactly(2025, 2026, 2027);
        assertThat(files.rejectedFiles()).isZero();
        // After, on the fixture: 12-29 1, 12-30 2, 12-31 3, 01-01..01-03 off, 01-04 Mon 4, 01-05 Tue 5 — final now.
        WorkdayCalendar.Deadline due = calendar.deadline(LocalDate.of(2026, 12, 28), 5);
        assertThat(due.day()).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThat(due.provisional()).isFalse();
        // The fixture's make-up Saturday counts: from Fri 01-08, 01-09 Sat is the first working day.
        assertThat(calendar.plusWorkingDays(LocalDate.of(2027, 1, 8), 1)).isEqualTo(LocalDate.of(2027, 1, 9));
        // and its 春节 is off: from Thu 02-04, 02-05..02-12 off, 02-13 Sat, 02-14 Sun, 02-15 Mon.
        assertThat(calendar.plusWorkingDays(LocalDate.of(2027, 2, 4), 1)).isEqualTo(LocalDate.of(2027, 2, 15));
    }

    @Test
    void aBadFileIsRefusedAndTheVersionLoadedBeforeStaysInForce() throws IOException {
        Path file = dir.resolve("cn-2027.json");
        Files.writeString(file, FIXTURE_2027);
        WorkdayFiles files = files();
        assertThat(files.calendar().years()).containsExactly(2025, 2026, 2027);

        // An operator's typo: a make-up "weekend" that is a Friday. Refused; the earlier 2027 stays.
        Files.writeString(file, FIXTURE_2027.replace("2027-01-09", "2027-01-08"));
        assertThat(files.reload()).containsExactly(2025, 2026, 2027);
        assertThat(files.rejectedFiles()).isEqualTo(1);
        assertThat(files.calendar().isWorkingDay(LocalDate.of(2027, 1, 9))).isTrue();

        // Not JSON at all, and a file whose name says another year: both refused, nothing dropped.
        Files.writeString(file, "{ not json");
        Files.writeString(dir.resolve("cn-2028.json"), FIXTURE_2027);
        assertThat(files.reload()).containsExactly(2025, 2026, 2027);
        assertThat(files.rejectedFiles()).isEqualTo(2);

        // Fixed: accepted again, the counter back to 0.
        Files.delete(dir.resolve("cn-2028.json"));
        Files.writeString(file, FIXTURE_2027);
        assertThat(files.reload()).containsExactly(2025, 2026, 2027);
        assertThat(files.rejectedFiles()).isZero();
    }

    @Test
    void aBadFileAtStartIsRefusedWithoutFailingTheShippedYears() throws IOException {
        Files.writeString(
                dir.resolve("cn-2027.json"), FIXTURE_2027.replace("\"holidays\": [", "\"holidays\": [], \"x\": ["));
        WorkdayFiles files = files();
        assertThat(files.calendar().years()).containsExactly(2025, 2026);
        assertThat(files.rejectedFiles()).isEqualTo(1);
    }

    @Test
    void twoFilesForOneYearKeepTheFirstByNameAndRefuseTheOther() throws IOException {
        Files.writeString(dir.resolve("cn-2027.json"), FIXTURE_2027);
        Files.writeString(dir.resolve("cn-2027-copy.json"), FIXTURE_2027.replace("\"2027-01-09\"", "\"2027-01-10\""));
        WorkdayFiles files = files();
        assertThat(files.rejectedFiles()).isEqualTo(1);
        // cn-2027-copy.json sorts first ("-" before "."), so its make-up Sunday 01-10 is the one in force.
        assertThat(files.calendar().isWorkingDay(LocalDate.of(2027, 1, 10))).isTrue();
        assertThat(files.calendar().isWorkingDay(LocalDate.of(2027, 1, 9))).isFalse();
    }

    @Test
    void anExternalFileReplacesTheShippedArrangementOfItsYear() throws IOException {
        // A correction (as the State Council extended 春节 2020): an extra day off on Monday 2026-03-02.
        String corrected = new String(
                        getClass()
                                .getResourceAsStream("/permitwatch/workdays/cn-2026.json")
                                .readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8)
                .replace(
                        "\"to\": \"2026-02-23\"",
                        "\"to\": \"2026-02-23\"},\n {\"name\": \"test\", \"from\": \"2026-03-02\", \"to\": \"2026-03-02\"");
        Files.writeString(dir.resolve("cn-2026.json"), corrected);
        WorkdayFiles files = files();
        assertThat(files.rejectedFiles()).isZero();
        assertThat(files.calendar().isWorkingDay(LocalDate.of(2026, 3, 2))).isFalse();
        // Removed again: the shipped arrangement is back.
        Files.delete(dir.resolve("cn-2026.json"));
        files.reload();
        assertThat(files.calendar().isWorkingDay(LocalDate.of(2026, 3, 2))).isTrue();
    }
}
