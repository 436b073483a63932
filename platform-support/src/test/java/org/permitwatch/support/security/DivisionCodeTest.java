package org.permitwatch.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DivisionCodeTest {

    @ParameterizedTest
    @CsvSource({
        "140000,14,PROVINCE",
        "140100,1401,CITY",
        "140105,140105,COUNTY",
        "110101,110101,COUNTY",
        "140700,1407,CITY",
        "140001,140001,COUNTY"
    })
    void prefixDropsTrailingZeroPairs(String code, String prefix, DivisionCode.Level level) {
        DivisionCode division = DivisionCode.of(code);
        assertThat(division.prefix()).isEqualTo(prefix);
        assertThat(division.likePattern()).isEqualTo(prefix + "%");
        assertThat(division.level()).isEqualTo(level);
    }

    @Test
    void containsFollowsThePrefix() {
        DivisionCode shanxi = DivisionCode.of("140000");
        DivisionCode taiyuan = DivisionCode.of("140100");
        DivisionCode xiaodian = DivisionCode.of("140105");
        assertThat(shanxi.contains(taiyuan)).isTrue();
        assertThat(shanxi.contains(xiaodian)).isTrue();
        assertThat(taiyuan.contains(xiaodian)).isTrue();
        assertThat(taiyuan.contains(taiyuan)).isTrue();
        assertThat(xiaodian.contains(taiyuan)).isFalse();
        assertThat(taiyuan.contains(DivisionCode.of("140200"))).isFalse();
        assertThat(taiyuan.contains(DivisionCode.of("141001"))).isFalse();
        assertThat(shanxi.contains(DivisionCode.of("150100"))).isFalse();
        assertThat(taiyuan.contains("140105")).isTrue();
        assertThat(taiyuan.contains("1401xx")).isFalse();
    }

    @Test
    void cityAndProvinceCodes() {
        DivisionCode xiaodian = DivisionCode.of("140105");
        assertThat(xiaodian.cityCode()).isEqualTo(DivisionCode.of("140100"));
        assertThat(xiaodian.provinceCode()).isEqualTo(DivisionCode.of("140000"));
        assertThat(DivisionCode.of("140000").cityCode()).isEqualTo(DivisionCode.of("140000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "14", "1401000", "14010a", "000000", " 140100"})
    void rejectsMalformedCodes(String value) {
        assertThat(DivisionCode.isValid(value)).isFalse();
        assertThatThrownBy(() -> DivisionCode.of(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> DivisionCode.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
