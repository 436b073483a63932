package org.permitwatch.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void phone() {
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.phone("03517654321")).isEqualTo("035****4321");
        assertThat(Masking.phone("7654321")).isEqualTo("*****21");
        assertThat(Masking.phone(null)).isNull();
    }

    @Test
    void email() {
        assertThat(Masking.email("zhang.san@x.cn")).isEqualTo("z***@x.cn");
        assertThat(Masking.email("not-an-address")).isEqualTo("***");
        assertThat(Masking.email(null)).isNull();
    }

    @Test
    void name() {
        assertThat(Masking.name("张三丰")).isEqualTo("张**");
        assertThat(Masking.name("李四")).isEqualTo("李*");
        assertThat(Masking.name("王")).isEqualTo("王");
    }

    @Test
    void idNumber() {
        assertThat(Masking.idNumber("14010519900101123X")).isEqualTo("140105********123X");
        assertThat(Masking.idNumber("12345")).isEqualTo("*****");
    }
}
