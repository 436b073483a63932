package org.permitwatch.inspection.penalty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Article references as the benchmark writes them and as the checklist (附件2) prints them. */
class ArticleRefTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "34|34",
                "34(1)| 34(1)",
                " 37 |37",
                "34（2）|34(2)",
                "第三十三条|33",
                "第三十四条第（一）项|34(1)",
                "第三十四条第（二）项|34(2)",
                "第三十四条第（二）项、第三十六条|34(2)",
                "第三十五条|35",
                "第三十六条|36",
                "第三十七条|37",
                "第四十三条|43",
                "第十条|10",
                "第一百零二条|102",
                "第三十三条第(一)项|33(1)",
                "未知条款|未知条款"
            })
    void readsBothForms(String given, String expected) {
        assertThat(ArticleRef.normalize(given)).isEqualTo(expected.trim());
    }
}
