package org.permitwatch.monitoring.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class Hj212FrameTest {

    static final String HOURLY = "QN=20260801090000001;ST=31;CN=2061;PW=123456;MN=MN0001;Flag=5;"
            + "CP=&&DataTime=20260801080000;a21026-Min=10.1,a21026-Avg=20.5,a21026-Max=30.9,a21026-Cou=1.2,"
            + "a21026-Flag=N;a34013-Avg=4.0,a34013-Flag=M&&";

    @Test
    void aSoundFrameGivesItsSegment() {
        var frame = Hj212Frame.unwrap(Hj212Frame.wrap(HOURLY).trim());
        assertThat(frame.ok()).isTrue();
        assertThat(frame.segment()).isEqualTo(HOURLY);
    }

    @Test
    void theStandardsExampleIsSound() {
        var frame = Hj212Frame.unwrap(Hj212CrcTest.STANDARD_FRAME);
        assertThat(frame.ok()).isTrue();
        Hj212Segment segment = Hj212Segment.parse(frame.segment());
        assertThat(segment.cn()).isEqualTo("1062");
        assertThat(segment.mn()).isEqualTo("010000A8900016F000169DC0");
        assertThat(segment.flag()).isEqualTo(5);
        assertThat(segment.wantsAnswer()).isTrue();
        assertThat(segment.cpField("RtdInterval")).contains("30");
    }

    @Test
    void badCrcKeepsTheSegmentForTheAnswer() {
        var frame = Hj212Frame.unwrap("##0101" + Hj212CrcTest.STANDARD_SEGMENT + "1C81");
        assertThat(frame.rejection()).isEqualTo(Rejection.BAD_CRC);
        assertThat(frame.segment()).isEqualTo(Hj212CrcTest.STANDARD_SEGMENT);
    }

    @Test
    void lengthMismatchNoHeaderAndNonDigitsAreMalformed() {
        assertThat(Hj212Frame.unwrap("##0100" + Hj212CrcTest.STANDARD_SEGMENT + "1C80")
                        .rejection())
                .isEqualTo(Rejection.MALFORMED);
        assertThat(Hj212Frame.unwrap("$$0101" + Hj212CrcTest.STANDARD_SEGMENT + "1C80")
                        .rejection())
                .isEqualTo(Rejection.MALFORMED);
        assertThat(Hj212Frame.unwrap("##01a1" + Hj212CrcTest.STANDARD_SEGMENT + "1C80")
                        .rejection())
                .isEqualTo(Rejection.MALFORMED);
        assertThat(Hj212Frame.unwrap("##").rejection()).isEqualTo(Rejection.MALFORMED);
    }

    @Test
    void hourlyValuesAreReadWithTheirStatisticsAndFlags() {
        DataMessage message = DataMessage.from(Hj212Segment.parse(HOURLY));
        assertThat(message.command()).isEqualTo(DataCommand.HOURLY);
        assertThat(message.dataTime()).isEqualTo(LocalDateTime.of(2026, 8, 1, 8, 0));
        assertThat(message.values()).hasSize(2);
        var so2 = message.values().get(0);
        assertThat(so2.pollutant()).isEqualTo("a21026");
        assertThat(so2.min()).isEqualByComparingTo("10.1");
        assertThat(so2.avg()).isEqualByComparingTo("20.5");
        assertThat(so2.max()).isEqualByComparingTo("30.9");
        assertThat(so2.cou()).isEqualByComparingTo("1.2");
        assertThat(so2.valid()).isTrue();
        var dust = message.values().get(1);
        assertThat(dust.flag()).isEqualTo("M");
        assertThat(dust.valid()).isFalse();
        assertThat(dust.min()).isNull();
    }

    @Test
    void realTimeValuesNeedRtdAndStatisticsNeedAvg() {
        String rt = "QN=1;ST=31;CN=2011;PW=1;MN=M1;Flag=4;CP=&&DataTime=20260801080000;a21026-Rtd=5.5,a21026-Flag=N&&";
        DataMessage message = DataMessage.from(Hj212Segment.parse(rt));
        assertThat(message.values().get(0).representative()).isEqualByComparingTo(new BigDecimal("5.5"));
        assertThatThrownBy(() -> DataMessage.from(Hj212Segment.parse(rt.replace("2011", "2051"))))
                .hasMessageContaining("lacks Avg");
    }

    @Test
    void dataTimeIsReadAsThePatternReadsItThroughALeapYear() {
        // Every 7 h 13 min 17 s from 2028-01-01 (a leap year) to 2029-03-01: digits of every field, 29 February.
        for (LocalDateTime t = LocalDateTime.of(2028, 1, 1, 0, 0, 0);
                t.isBefore(LocalDateTime.of(2029, 3, 1, 0, 0));
                t = t.plusHours(7).plusMinutes(13).plusSeconds(17)) {
            String text = Hj212Segment.DATA_TIME.format(t);
            String segment = "ST=31;CN=2051;PW=1;MN=M1;Flag=4;CP=&&DataTime=" + text + ";a21026-Avg=1&&";
            assertThat(Hj212Segment.parse(segment).dataTime())
                    .as(text)
                    .isEqualTo(t)
                    .isEqualTo(LocalDateTime.parse(text, Hj212Segment.DATA_TIME));
        }
        String leapDay = "ST=31;CN=2051;PW=1;MN=M1;Flag=4;CP=&&DataTime=20280229235959;a21026-Avg=1&&";
        assertThat(Hj212Segment.parse(leapDay).dataTime()).isEqualTo(LocalDateTime.of(2028, 2, 29, 23, 59, 59));
    }

    @Test
    void manyFieldsAndFieldsSentTwiceAreReadInOrder() {
        // 40 pollutants, 81 CP fields: the field list grows past its first capacity.
        StringBuilder cp = new StringBuilder("DataTime=20260801080000");
        for (int p = 0; p < 40; p++) {
            cp.append(String.format(";a%05d-Avg=%d,a%05d-Flag=N", p, p, p));
        }
        DataMessage many = read("ST=31;CN=2051;PW=1;MN=M1;Flag=4;CP=&&" + cp + "&&");
        assertThat(many.values()).hasSize(40);
        assertThat(many.values().get(39).pollutant()).isEqualTo("a00039");
        assertThat(many.values().get(39).avg()).isEqualByComparingTo("39");
        String twice = "ST=31;CN=2051;PW=1;MN=M1;MN=M2;Flag=4;CP=&&DataTime=20260801080000;a21026-Avg=1,a21026-Avg=2&&";
        // A header field sent twice counts with its last value, as the header's map kept it.
        assertThat(Hj212Segment.parse(twice).mn()).isEqualTo("M2");
        // A CP field sent twice: the last value counts, and each copy must be valid.
        assertThat(read(twice).values().get(0).avg()).isEqualByComparingTo("2");
        assertThatThrownBy(() -> read(twice.replace("Avg=1", "Avg=x"))).hasMessageContaining("not a number");
        assertThat(Hj212Segment.parse(twice.replace("a21026-Avg=1", "DataTime=20260801090000"))
                        .cpField("DataTime"))
                .contains("20260801080000");
    }

    @Test
    void everyMalformedSegmentSaysWhy() {
        String ok = "ST=31;CN=2051;PW=1;MN=M1;Flag=4;CP=&&DataTime=20260801080000;a21026-Avg=1&&";
        assertThat(read(ok).values()).hasSize(1);
        assertThatThrownBy(() -> Hj212Segment.parse(ok.replace("CP=&&", "CP="))).hasMessageContaining("no CP=&&");
        assertThatThrownBy(() -> Hj212Segment.parse(ok.substring(0, ok.length() - 2)))
                .hasMessageContaining("does not end");
        assertThatThrownBy(() -> Hj212Segment.parse(ok.replace("MN=M1;", ""))).hasMessageContaining("lacks MN");
        assertThatThrownBy(() -> Hj212Segment.parse(ok.replace("Flag=4", "Flag=x")))
                .hasMessageContaining("Flag");
        assertThatThrownBy(() -> read(ok.replace("20260801080000", "2026-08-01")))
                .hasMessageContaining("DataTime");
        // Impossible times of the calendar (the formatter's SMART resolving moved them to another day instead).
        for (String bad : new String[] {
            "20260230080000",
            "20250229080000",
            "20260801240000",
            "20261301080000",
            "20260801086000",
            "2026080108000",
            "202608010800001",
            "2026080108000x"
        }) {
            assertThatThrownBy(() -> read(ok.replace("20260801080000", bad)))
                    .as(bad)
                    .hasMessageContaining("DataTime '" + bad + "'");
        }
        assertThatThrownBy(() -> read(ok.replace("Avg=1", "Avg=one"))).hasMessageContaining("not a number");
        // Plain decimals only: no exponent, no "+", no NaN/Infinity, no bare sign or point, at most 20 digits.
        for (String bad : new String[] {
            "1E+200000", "1e3", "+1", "NaN", "Infinity", "-", ".", "1.2.3", " 1", "123456789012345678901"
        }) {
            assertThatThrownBy(() -> read(ok.replace("Avg=1", "Avg=" + bad)))
                    .as(bad)
                    .hasMessageContaining("not a number");
        }
        for (String good : new String[] {"-0.5", "12.", ".5", "0", "12345678901234.12"}) {
            assertThat(read(ok.replace("Avg=1", "Avg=" + good)).values().get(0).avg())
                    .as(good)
                    .isEqualByComparingTo(new java.math.BigDecimal(good));
        }
        assertThatThrownBy(() -> read(ok.replace("Avg=1", "Avg=1,a21026-Flag=X")))
                .hasMessageContaining("none of N F M S D C T B");
        assertThatThrownBy(() -> read(ok.replace(";a21026-Avg=1", ""))).hasMessageContaining("no pollutant value");
        assertThatThrownBy(() -> read(ok.replace("a21026-Avg=1", "a21026-Min=1")))
                .hasMessageContaining("a21026 lacks Avg");
        assertThatThrownBy(() -> read(ok.replace("CN=2051", "CN=2011"))).hasMessageContaining("a21026 lacks Rtd");
    }

    @Test
    void answersEchoQnAndCarryTheirOwnCrc() {
        String data = Answers.dataAnswer("20260801090000001", "123456", "MN0001");
        assertThat(data)
                .startsWith("##")
                .endsWith("\r\n")
                .contains("QN=20260801090000001;ST=91;CN=9014;PW=123456;MN=MN0001;Flag=4;CP=&&&&");
        assertThat(Hj212Frame.unwrap(data.trim()).ok()).isTrue();
        String refused = Answers.requestAnswer("7", "1", "M1", Rejection.BAD_CRC.qnRtn());
        assertThat(refused).contains("CN=9011").contains("CP=&&QnRtn=9&&");
        assertThat(Answers.requestAnswer(null, "1", "M1", 4)).contains("##").doesNotContain("QN=");
    }

    /**
     * {@link DataMessage#from} of the segment, after checking that {@link DataMessage#check} (the receiver's) decides the
     * same: both take it, or both refuse it with the same reason.
     */
    private static DataMessage read(String segment) {
        Hj212Segment parsed = Hj212Segment.parse(segment);
        String checked = reason(() -> DataMessage.check(parsed));
        String read = reason(() -> DataMessage.from(parsed));
        assertThat(checked).as("check and from on %s", segment).isEqualTo(read);
        return DataMessage.from(parsed);
    }

    private static String reason(Runnable reading) {
        try {
            reading.run();
            return "taken";
        } catch (Hj212Segment.MalformedSegmentException e) {
            return e.getMessage();
        }
    }
}
