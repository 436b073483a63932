package org.permitwatch.permitsync.directory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Classification data of the directory. The industry table, the split of industry 4620 into sewage
 * treatment and water reuse, the source-type rules and the positive list are policy that a province
 * revises, so they live in configuration ({@code permitwatch.directory.*}), not in code.
 *
 * @param keyIndustries     industry codes (GB/T 4754-2017) per plan-table row; codes not listed are OTHER
 * @param waterReuse        how units of the shared sewage/reuse industry code are told apart
 * @param sourceTypeRules   evaluated in order, the first matching rule gives the source type
 * @param defaultSourceType source type when no rule matches
 * @param positiveList      permit numbers on the positive list (正面清单)
 */
@ConfigurationProperties("permitwatch.directory")
public record DirectoryProperties(
        Map<KeyIndustry, Set<String>> keyIndustries,
        WaterReuseRule waterReuse,
        List<SourceTypeRule> sourceTypeRules,
        SourceType defaultSourceType,
        Set<String> positiveList) {

    public DirectoryProperties {
        keyIndustries = keyIndustries == null ? Map.of() : Map.copyOf(keyIndustries);
        waterReuse = waterReuse == null ? new WaterReuseRule(null, null) : waterReuse;
        sourceTypeRules = sourceTypeRules == null ? List.of() : List.copyOf(sourceTypeRules);
        defaultSourceType = defaultSourceType == null ? SourceType.GENERAL : defaultSourceType;
        positiveList = positiveList == null ? Set.of() : Set.copyOf(positiveList);
    }

    /**
     * Units of {@code industryCode} whose name contains one of {@code nameKeywords} are WATER_REUSE,
     * the others keep the row their code maps to (SEWAGE_TREATMENT).
     */
    public record WaterReuseRule(String industryCode, List<String> nameKeywords) {
        public WaterReuseRule {
            nameKeywords = nameKeywords == null ? List.of() : List.copyOf(nameKeywords);
        }
    }

    /**
     * One source-type rule; every condition that is set must hold (null/empty = any).
     *
     * @param sourceType         the result when the rule matches
     * @param categories         management categories the unit must be in
     * @param keyIndustries      plan-table rows the unit must be in
     * @param withoutPermit      required value of the 无证排污 flag
     * @param minViolationCount  at least this many verified violations (FINE or NO_PENALTY decisions) in the
     *                           feedback window ({@code permitwatch.directory.feedback.window-months})
     * @param minFineCount       at least this many fines (FINE decisions) in the same window
     */
    public record SourceTypeRule(
            SourceType sourceType,
            Set<ManagementCategory> categories,
            Set<KeyIndustry> keyIndustries,
            Boolean withoutPermit,
            Integer minViolationCount,
            Integer minFineCount) {
        public SourceTypeRule {
            categories = categories == null ? Set.of() : Set.copyOf(categories);
            keyIndustries = keyIndustries == null ? Set.of() : Set.copyOf(keyIndustries);
        }
    }
}
