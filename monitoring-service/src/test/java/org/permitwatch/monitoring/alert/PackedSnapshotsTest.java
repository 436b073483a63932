package org.permitwatch.monitoring.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PackedSnapshotsTest {

    /** A snapshot's shape as the directory publishes it: three outlets, their pollutants and limits, Chinese text. */
    private static final String SNAPSHOT =
            "{\"uscc\": \"91140430MA7BEMLC8K\", \"status\": \"VALID\", \"unitName\": \"太原示例焦化有限公司\", "
                    + "\"outlets\": [" + outlet("DA001", "焦炉烟囱") + ", " + outlet("DA002", "装煤地面站排气筒") + ", "
                    + outlet("DA003", "推焦地面站排气筒")
                    + "], \"cityCode\": \"140100\", \"permitNo\": \"91140430MA7BEMLC8K001P\"}";

    private static String outlet(String code, String name) {
        return "{\"medium\": \"废气\", \"outletCode\": \"" + code + "\", \"outletName\": \"" + name
                + "\", \"outletType\": \"主要排放口\", \"pollutants\": ["
                + "{\"unit\": \"mg/m3\", \"standard\": \"GB 16171-2012\", \"dailyLimit\": null, \"hourlyLimit\": 30.0, "
                + "\"pollutantCode\": \"a34013\", \"pollutantName\": \"颗粒物\", \"annualLimitTons\": [44.7, 44.7, 44.7, 44.7, 44.7]}, "
                + "{\"unit\": \"mg/m3\", \"standard\": \"GB 16171-2012\", \"dailyLimit\": null, \"hourlyLimit\": 150.0, "
                + "\"pollutantCode\": \"a21002\", \"pollutantName\": \"氮氧化物\", \"annualLimitTons\": [437.4, 437.4, 437.4, 437.4, 437.4]}]}";
    }

    @Test
    void aPackedSnapshotReadsBackAsTheSameJsonAndTakesUnderHalfTheBytes() {
        String packed = PackedSnapshots.pack(SNAPSHOT);

        assertThat(packed).startsWith("z1:").doesNotContain("outletCode");
        assertThat(PackedSnapshots.unpack(packed)).isEqualTo(SNAPSHOT);
        // the store keeps the value as UTF-8 bytes: Chinese text is 3 bytes a character in the plain JSON
        assertThat(packed.getBytes(StandardCharsets.UTF_8).length)
                .isLessThan(SNAPSHOT.getBytes(StandardCharsets.UTF_8).length / 2);
    }

    @Test
    void plainJsonAndNullPassThrough() {
        assertThat(PackedSnapshots.unpack(SNAPSHOT)).isSameAs(SNAPSHOT);
        assertThat(PackedSnapshots.unpack(null)).isNull();
    }

    @Test
    void aDamagedValueIsAnErrorNotAnotherSnapshot() {
        String packed = PackedSnapshots.pack(SNAPSHOT);
        String payload = packed.substring("z1:".length());
        String truncated = "z1:" + payload.substring(0, payload.length() / 2 / 4 * 4); // valid Base64, half the data
        String notBase64 = "z1:" + payload.substring(1);

        assertThatThrownBy(() -> PackedSnapshots.unpack(truncated)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PackedSnapshots.unpack(notBase64)).isInstanceOf(IllegalStateException.class);
    }
}
