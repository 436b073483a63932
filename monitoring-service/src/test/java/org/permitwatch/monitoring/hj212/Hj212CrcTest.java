package org.permitwatch.monitoring.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Hj212CrcTest {

    /** The example message of HJ 212-2017 (附录 A/C): 设置实时数据间隔 30 s, data segment of 101 characters, CRC 1C80. */
    static final String STANDARD_SEGMENT =
            "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&";

    static final String STANDARD_FRAME = "##0101" + STANDARD_SEGMENT + "1C80";

    @Test
    void theStandardsExampleChecksTo1C80() {
        assertThat(STANDARD_SEGMENT).hasSize(101); // the frame's "0101"
        assertThat(Hj212Crc.hex(STANDARD_SEGMENT)).isEqualTo("1C80");
    }

    @Test
    void itIsNotModbusCrc() {
        // CRC-16/MODBUS folds the byte into the low byte (crc ^= b) — a common mistake; it gives another value here.
        byte[] bytes = STANDARD_SEGMENT.getBytes(StandardCharsets.US_ASCII);
        int modbus = 0xFFFF;
        for (byte b : bytes) {
            modbus ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                modbus = (modbus & 1) != 0 ? (modbus >> 1) ^ 0xA001 : modbus >> 1;
            }
        }
        assertThat(String.format("%04X", modbus)).isNotEqualTo("1C80");
    }

    @Test
    void wrapGivesTheStandardsFrameBack() {
        assertThat(Hj212Frame.wrap(STANDARD_SEGMENT)).isEqualTo(STANDARD_FRAME + "\r\n");
    }

    @Test
    void aChangedCharacterChangesTheCrc() {
        assertThat(Hj212Crc.hex(STANDARD_SEGMENT.replace("30&&", "31&&"))).isNotEqualTo("1C80");
    }

    @Test
    void theTableGivesWhatTheStandardsBitLoopGives() {
        // Every single byte from every starting register the first step can produce, then random segments.
        for (int b = 0; b < 256; b++) {
            byte[] one = {(byte) b};
            assertThat(Hj212Crc.of(one, 0, 1)).as("byte %d", b).isEqualTo(Hj212Crc.ofBitwise(one, 0, 1));
        }
        java.util.Random random = new java.util.Random(212);
        for (int n = 0; n < 2_000; n++) {
            byte[] segment = new byte[1 + random.nextInt(1024)];
            random.nextBytes(segment);
            int from = random.nextInt(segment.length);
            assertThat(Hj212Crc.of(segment, from, segment.length))
                    .isEqualTo(Hj212Crc.ofBitwise(segment, from, segment.length));
        }
        byte[] example = ("QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;"
                        + "CP=&&RtdInterval=30&&")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Hj212Crc.ofBitwise(example, 0, example.length)).isEqualTo(0x1C80);
    }
}
