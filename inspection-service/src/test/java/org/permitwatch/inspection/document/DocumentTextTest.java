package org.permitwatch.inspection.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words a document prints for numbers, articles, amounts and 文号, written out by hand. */
class DocumentTextTest {

    @Test
    void articlesAreCitedAsTheRegulationNumbersThem() {
        assertThat(DocumentFacts.chinese(1)).isEqualTo("一");
        assertThat(DocumentFacts.chinese(10)).isEqualTo("十");
        assertThat(DocumentFacts.chinese(14)).isEqualTo("十四");
        assertThat(DocumentFacts.chinese(20)).isEqualTo("二十");
        assertThat(DocumentFacts.chinese(34)).isEqualTo("三十四");
        assertThat(DocumentFacts.chinese(43)).isEqualTo("四十三");
        assertThat(DocumentFacts.chinese(100)).isEqualTo("一百");
        assertThat(DocumentFacts.chinese(102)).isEqualTo("一百零二");
        assertThat(DocumentFacts.chinese(110)).isEqualTo("一百一十");
        assertThat(DocumentFacts.chinese(134)).isEqualTo("一百三十四");
        assertThat(DocumentFacts.articleText("34(1)")).isEqualTo("《排污许可管理条例》第三十四条第（一）项");
        assertThat(DocumentFacts.articleText("43")).isEqualTo("《排污许可管理条例》第四十三条");
        // a case copied from a checklist finding carries the official text already
        assertThat(DocumentFacts.articleText("第三十七条第（一）项")).isEqualTo("《排污许可管理条例》第三十七条第（一）项");
    }

    @Test
    void amountsAndRangesInYuan() {
        assertThat(DocumentFacts.yuan(new BigDecimal("448000.00"))).isEqualTo("人民币448,000元");
        assertThat(DocumentFacts.yuan(new BigDecimal("5900.50"))).isEqualTo("人民币5,900.5元");
        // 448,000 × 10 days
        assertThat(DocumentFacts.yuan(new BigDecimal("448000").multiply(BigDecimal.TEN)))
                .isEqualTo("人民币4,480,000元");
        assertThat(DocumentFacts.range(new BigDecimal("200000"), new BigDecimal("1000000")))
                .isEqualTo("人民币200,000元以上1,000,000元以下");
    }

    @Test
    void documentNumbersFollowTheIssueExample() {
        assertThat(DocumentNumbers.format("并环", "罚", 2026, 12)).isEqualTo("并环罚〔2026〕12号");
        assertThat(DocumentNumbers.format("晋环", "按日罚", 2027, 1)).isEqualTo("晋环按日罚〔2027〕1号");
    }

    @Test
    void aTemplateFillsItsPlaceholdersLeavesOutUnflaggedBlocksAndNeverPrintsAnUnknownName() {
        DocumentTemplate t = new DocumentTemplate(
                DocumentKind.PRIOR_NOTICE,
                1,
                "行政处罚事先（听证）告知书",
                "罚告",
                List.of(
                        new DocumentTemplate.Block(DocumentTemplate.Style.NUMBER, null, "{{documentNo}}", null),
                        new DocumentTemplate.Block(DocumentTemplate.Style.TEXT, null, "{{unitName}}：", null),
                        new DocumentTemplate.Block(DocumentTemplate.Style.TEXT, null, "听证", "hearingRight")));
        Map<String, String> values = Map.of("documentNo", "并环罚告〔2026〕3号", "unitName", "太原测试焦化有限公司");
        assertThat(t.fill(values, Map.of("hearingRight", false)))
                .extracting(DocumentTemplate.Line::text)
                .containsExactly("并环罚告〔2026〕3号", "太原测试焦化有限公司：");
        assertThat(t.fill(values, Map.of("hearingRight", true))).hasSize(3);
        // a $ or \ in a unit's name is text, not a regex group reference
        assertThat(DocumentTemplate.replace("{{unitName}}", Map.of("unitName", "A$1\\B")))
                .isEqualTo("A$1\\B");
        assertThatThrownBy(() -> DocumentTemplate.replace("{{amount}}", Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{{amount}}");
    }
}
