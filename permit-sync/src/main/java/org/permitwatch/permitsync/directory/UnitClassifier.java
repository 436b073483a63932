package org.permitwatch.permitsync.directory;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.springframework.stereotype.Component;

/** Applies the configured classification data to a unit: plan-table row, source type, positive list. */
@Component
class UnitClassifier {

    private final DirectoryProperties properties;
    private final Map<String, KeyIndustry> industryByCode = new HashMap<>();

    UnitClassifier(DirectoryProperties properties) {
        this.properties = properties;
        properties
                .keyIndustries()
                .forEach((industry, codes) -> codes.forEach(code -> {
                    KeyIndustry previous = industryByCode.put(code, industry);
                    if (previous != null && previous != industry) {
                        throw new IllegalStateException("industry code " + code + " is mapped to both " + previous
                                + " and " + industry + " in permitwatch.directory.key-industries");
                    }
                }));
    }

    KeyIndustry keyIndustry(String industryCode, String unitName) {
        KeyIndustry mapped = industryByCode.getOrDefault(industryCode, KeyIndustry.OTHER);
        DirectoryProperties.WaterReuseRule reuse = properties.waterReuse();
        if (industryCode != null && industryCode.equals(reuse.industryCode()) && unitName != null) {
            String name = unitName.toLowerCase(Locale.ROOT);
            for (String keyword : reuse.nameKeywords()) {
                if (name.contains(keyword.toLowerCase(Locale.ROOT))) {
                    return KeyIndustry.WATER_REUSE;
                }
            }
        }
        return mapped;
    }

    SourceType sourceType(ManagementCategory category, KeyIndustry industry, boolean withoutPermit, int violations) {
        return sourceType(category, industry, withoutPermit, violations, 0);
    }

    /** @param fines FINE decisions among the fed-back {@code violations} (same window) */
    SourceType sourceType(
            ManagementCategory category, KeyIndustry industry, boolean withoutPermit, int violations, int fines) {
        for (DirectoryProperties.SourceTypeRule rule : properties.sourceTypeRules()) {
            if (matches(rule, category, industry, withoutPermit, violations, fines)) {
                return rule.sourceType();
            }
        }
        return properties.defaultSourceType();
    }

    boolean onPositiveList(String permitNo) {
        return properties.positiveList().contains(permitNo);
    }

    private static boolean matches(
            DirectoryProperties.SourceTypeRule rule,
            ManagementCategory category,
            KeyIndustry industry,
            boolean withoutPermit,
            int violations,
            int fines) {
        return (rule.categories().isEmpty() || rule.categories().contains(category))
                && (rule.keyIndustries().isEmpty() || rule.keyIndustries().contains(industry))
                && (rule.withoutPermit() == null || rule.withoutPermit() == withoutPermit)
                && (rule.minViolationCount() == null || violations >= rule.minViolationCount())
                && (rule.minFineCount() == null || fines >= rule.minFineCount());
    }
}
