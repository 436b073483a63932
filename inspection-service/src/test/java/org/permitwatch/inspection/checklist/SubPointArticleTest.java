package org.permitwatch.inspection.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.problem.ApiException;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12 item 1: every sub-point of the shipped province checklist carries the article and 项 of 《排污许可管理条例》
 * that punishes it, so a finding is characterised by the sub-point found violated, not by its item's first article.
 */
class SubPointArticleTest {

    private static List<ChecklistValidator.ValidItem> shipped() throws Exception {
        try (InputStream in = new ClassPathResource("checklist/province-v1.json").getInputStream()) {
            ChecklistSeed seed = JsonMapper.builder().build().readValue(in, ChecklistSeed.class);
            return ChecklistValidator.validate(seed.toDraft(), true);
        }
    }

    private static ChecklistValidator.ValidItem general(List<ChecklistValidator.ValidItem> items, int no) {
        return items.stream()
                .filter(i -> i.itemNo() == no && i.keyIndustry() == null)
                .findFirst()
                .orElseThrow();
    }

    /** The article of the general sub-point whose text contains {@code words}. */
    private static String article(ChecklistValidator.ValidItem item, String words) {
        for (int i = 0; i < item.subPoints().size(); i++) {
            if (item.subPoints().get(i).contains(words)) {
                return item.subPointArticles().get(i);
            }
        }
        throw new AssertionError("no sub-point of item " + item.itemNo() + " mentions " + words);
    }

    @Test
    void everySubPointHasAnArticleOfTheRegulationWithItsParagraphWhereTheArticleHasParagraphs() throws Exception {
        for (ChecklistValidator.ValidItem item : shipped()) {
            assertThat(item.subPointArticles()).hasSameSizeAs(item.subPoints());
            for (String article : item.subPointArticles()) {
                // arts. 33–37 have 项; art. 43 has none
                assertThat(article)
                        .as("item %s %s", item.itemNo(), item.keyIndustry())
                        .matches("第四十三条|第三十[三四五六七]条第（[一二三四五六七八九]）项.*");
            }
        }
    }

    @Test
    void theIssuesSubPointsCiteTheirOwnArticle() throws Exception {
        List<ChecklistValidator.ValidItem> items = shipped();
        ChecklistValidator.ValidItem permit = general(items, 1);
        assertThat(article(permit, "依法申领排污许可证")).isEqualTo("第三十三条第（一）项");
        assertThat(article(permit, "填报排污登记表")).isEqualTo("第四十三条");
        assertThat(article(permit, "有效期届满")).isEqualTo("第三十三条第（二）项");
        assertThat(article(permit, "撤销、注销、吊销")).isEqualTo("第三十三条第（三）项");
        assertThat(article(permit, "重新申请")).isEqualTo("第三十三条第（四）项");

        ChecklistValidator.ValidItem facilities = general(items, 4);
        assertThat(article(facilities, "联网")).isEqualTo("第三十六条第（四）项");
        assertThat(article(facilities, "篡改")).isEqualTo("第三十四条第（二）项");

        ChecklistValidator.ValidItem monitoring = general(items, 7);
        assertThat(article(monitoring, "自行监测方案")).isEqualTo("第三十六条第（五）项");
        assertThat(article(monitoring, "联网")).isEqualTo("第三十六条第（四）项");
        assertThat(article(monitoring, "伪造监测数据")).isEqualTo("第三十四条第（二）项");
        assertThat(article(monitoring, "原始监测记录")).isEqualTo("第三十六条第（六）项");

        ChecklistValidator.ValidItem ledger = general(items, 8);
        assertThat(article(ledger, "无缺失")).isEqualTo("第三十七条第（一）项");
        assertThat(article(ledger, "如实记录")).isEqualTo("第三十七条第（二）项（未如实记录）");
        ChecklistValidator.ValidItem report = general(items, 9);
        assertThat(article(report, "按时提交")).isEqualTo("第三十七条第（三）项");
        assertThat(article(report, "无虚假内容")).isEqualTo("第三十七条第（四）项（未如实报告）");
        ChecklistValidator.ValidItem disclosure = general(items, 10);
        assertThat(article(disclosure, "全国排污许可证管理信息平台公开")).isEqualTo("第三十六条第（七）项");
        assertThat(article(disclosure, "信息真实")).isEqualTo("第三十六条第（七）项（不如实公开）");

        // an industry sub-point without its own article takes the item's; one that names 如实 is 37(4)
        ChecklistValidator.ValidItem steelReport = items.stream()
                .filter(i -> i.itemNo() == 9 && i.keyIndustry() == KeyIndustry.STEEL)
                .findFirst()
                .orElseThrow();
        assertThat(steelReport.subPointArticles()).containsOnly("第三十七条第（四）项（未如实报告）");
        ChecklistValidator.ValidItem paperReport = items.stream()
                .filter(i -> i.itemNo() == 9 && i.keyIndustry() == KeyIndustry.PAPER)
                .findFirst()
                .orElseThrow();
        assertThat(paperReport.subPointArticles()).containsOnly("第三十七条第（三）项");
    }

    @Test
    void aDraftsSubPointArticlesMustMatchItsSubPoints() {
        ChecklistDraft.Item item = new ChecklistDraft.Item(
                101,
                null,
                "城市补充项",
                List.of("子项甲", "子项乙"),
                "依据",
                "ON_SITE",
                List.of("照片"),
                "LEDGER_INCOMPLETE",
                "第三十七条第（一）项",
                List.of("第三十七条第（三）项"));
        assertThatThrownBy(() -> ChecklistValidator.validate(
                        new ChecklistDraft("t", null, java.util.UUID.randomUUID(), List.of(item)), false))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.errors())
                                .extracting(f -> f.field())
                                .containsExactly("items[0].subPointArticles"));
        ChecklistDraft.Item ok = new ChecklistDraft.Item(
                101,
                null,
                "城市补充项",
                List.of("子项甲", "子项乙"),
                "依据",
                "ON_SITE",
                List.of("照片"),
                "LEDGER_INCOMPLETE",
                "第三十七条第（一）项",
                Arrays.asList(null, "第三十七条第（三）项"));
        assertThat(ChecklistValidator.validate(
                                new ChecklistDraft("t", null, java.util.UUID.randomUUID(), List.of(ok)), false)
                        .get(0)
                        .subPointArticles())
                .containsExactly("第三十七条第（一）项", "第三十七条第（三）项");
    }
}
