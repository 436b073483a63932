package org.permitwatch.monitoring.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written checks that replaced the segment's regexes (a Matcher per field, docs/benchmarks.md) accept exactly
 * what the regexes accepted: {@code \d+} for CN and Flag, {@code [0-9A-Za-z]{1,24}} for MN and
 * {@code [A-Za-z0-9]{2,12}} for pollutant codes.
 */
class Hj212SegmentGrammarTest {

    static final List<String> SAMPLES = List.of(
            "",
            "0",
            "2051",
            "5",
            "20 51",
            "-1",
            "+5",
            "1.0",
            "٣",
            "１２",
            "a21026",
            "w01018",
            "001",
            "B02",
            "a",
            "ab",
            "a2102612345",
            "a21026123456",
            "a210261234567",
            "010000A8900016F000169DC0",
            "010000A8900016F000169DC01",
            "BENCH0000017",
            "MN-1",
            "MN_1",
            "é1",
            "a21026 ",
            "Ａ1");

    @Test
    void digitsAreWhatBackslashDPlusMatched() {
        Pattern regex = Pattern.compile("\\d+");
        for (String s : SAMPLES) {
            assertThat(Hj212Segment.digits(s)).as(s).isEqualTo(regex.matcher(s).matches());
        }
    }

    @Test
    void alphanumericIsWhatTheCharacterClassMatched() {
        Pattern mn = Pattern.compile("[0-9A-Za-z]{1,24}");
        Pattern code = Pattern.compile("[A-Za-z0-9]{2,12}");
        for (String s : SAMPLES) {
            assertThat(Hj212Segment.alphanumeric(s, 1, 24))
                    .as("MN " + s)
                    .isEqualTo(mn.matcher(s).matches());
            assertThat(Hj212Segment.alphanumeric(s, 2, 12))
                    .as("code " + s)
                    .isEqualTo(code.matcher(s).matches());
        }
    }
}
