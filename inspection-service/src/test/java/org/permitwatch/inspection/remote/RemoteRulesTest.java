package org.permitwatch.inspection.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/** The shipped rules file and the validation that keeps a broken file from starting the service. */
class RemoteRulesTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shippedFileCoversEveryKeyIndustryCodeOfTheDomainBrief() {
        RemoteRules rules = RemoteRules.load(new ClassPathResource("enforcement/remote-category-rules.json"), json);
        assertThat(rules.version()).isEqualTo("2");
        assertThat(rules.configurable()).isTrue();
        assertThat(rules.effectiveFrom()).isEqualTo(LocalDate.of(2020, 1, 1));
        Map<String, ManagementCategory> byCode = rules.categoryTooLow().industries().stream()
                .collect(Collectors.toMap(
                        RemoteRules.IndustryRule::industryCode, RemoteRules.IndustryRule::minimumCategory));
        // DOMAIN.md §2
        assertThat(byCode)
                .containsKeys(
                        "2211", "2212", "2221", "2222", "2223", "3110", "3120", "3130", "3140", "4411", "4412", "2521",
                        "3011", "4620");
        assertThat(byCode)
                .containsEntry("2521", ManagementCategory.KEY)
                .containsEntry("4411", ManagementCategory.KEY)
                // capacity- or process-dependent in the 名录: the lower category
                .containsEntry("4620", ManagementCategory.SIMPLIFIED)
                .containsEntry("3011", ManagementCategory.SIMPLIFIED)
                .containsEntry("3130", ManagementCategory.SIMPLIFIED);
        assertThat(rules.categoryRulesEffectiveOn(LocalDate.of(2019, 12, 31))).isFalse();
        assertThat(rules.categoryRulesEffectiveOn(LocalDate.of(2020, 1, 1))).isTrue();
    }

    @Test
    void brokenFilesAreRejectedWithEveryProblemNamed() {
        String bad = """
                {"code": "X", "version": "2", "effectiveFrom": "2024-01-01",
                 "permitNotValid": {"violationType": "NO_SUCH_TYPE", "article": "33",
                                    "statusNotes": {"EXPIRED": "a", "REVOKED": "b", "CANCELLED": "c"}},
                 "categoryTooLow": {"violationType": "UNPERMITTED_DISCHARGE", "article": "thirty-three",
                                    "industries": [
                                      {"industryCode": "2521", "minimumCategory": "KEY", "note": "n"},
                                      {"industryCode": "2521", "minimumCategory": "KEY", "note": "n"},
                                      {"industryCode": "25", "minimumCategory": "KEY", "note": ""}]}}
                """;
        assertThatThrownBy(() -> RemoteRules.load(new ByteArrayResource(bad.getBytes(StandardCharsets.UTF_8)), json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("permitNotValid.violationType NO_SUCH_TYPE")
                .hasMessageContaining("statusNotes.WITHDRAWN is required")
                .hasMessageContaining("categoryTooLow.article must look like 33")
                .hasMessageContaining("industries[1].industryCode 2521 appears twice")
                .hasMessageContaining("industries[2].industryCode must be a 4-digit")
                .hasMessageContaining("industries[2].note is required");
    }
}
