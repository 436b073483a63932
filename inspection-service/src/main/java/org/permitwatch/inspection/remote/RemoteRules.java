package org.permitwatch.inspection.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.permitwatch.events.vocabulary.ViolationType;
import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The remote-check rules as shipped in {@code classpath:enforcement/remote-category-rules.json}: configurable data
 * (the 名录 changes; a province may ship its own file), validated once at start-up so a bad file stops the service
 * instead of silently disabling a rule.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RemoteRules(
        String code,
        String version,
        LocalDate effectiveFrom,
        Boolean configurable,
        String source,
        String note,
        PermitNotValid permitNotValid,
        CategoryTooLow categoryTooLow) {

    /** Statuses of a permit that no longer allows discharging (DOMAIN.md §3). */
    static final List<String> NOT_VALID_STATUSES = List.of("EXPIRED", "REVOKED", "CANCELLED", "WITHDRAWN");

    @JsonIgnoreProperties(ignoreUnknown = true)
    /** @param statusArticles the article and 项 per permit status (EXPIRED → 33(2), …); the others take {@code article} */
    record PermitNotValid(
            String violationType,
            String article,
            String note,
            Map<String, String> statusNotes,
            Map<String, String> statusArticles) {
        PermitNotValid {
            statusArticles = statusArticles == null ? Map.of() : Map.copyOf(statusArticles);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CategoryTooLow(String violationType, String article, String note, List<IndustryRule> industries) {
        CategoryTooLow {
            industries = industries == null ? List.of() : List.copyOf(industries);
        }
    }

    /** One row of the 名录 reduced to what the industry code alone decides. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record IndustryRule(
            String industryCode,
            String industryName,
            String keyIndustry,
            ManagementCategory minimumCategory,
            String note) {}

    static RemoteRules load(Resource resource, JsonMapper json) {
        try (InputStream in = resource.getInputStream()) {
            return json.readValue(in, RemoteRules.class).validated();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read remote-check rules " + resource, e);
        } catch (JacksonException e) {
            throw new IllegalStateException(
                    "remote-check rules " + resource + " are not valid: " + e.getOriginalMessage(), e);
        }
    }

    /** Whether the category rules apply on {@code day} (before the effective date a run skips them). */
    boolean categoryRulesEffectiveOn(LocalDate day) {
        return !day.isBefore(effectiveFrom);
    }

    RemoteRules validated() {
        List<String> problems = new ArrayList<>();
        require(code != null && !code.isBlank(), "code is required", problems);
        require(version != null && !version.isBlank(), "version is required", problems);
        require(effectiveFrom != null, "effectiveFrom is required", problems);
        if (permitNotValid == null) {
            problems.add("permitNotValid is required");
        } else {
            violation(permitNotValid.violationType(), permitNotValid.article(), "permitNotValid", problems);
            for (String status : NOT_VALID_STATUSES) {
                String text = permitNotValid.statusNotes() == null
                        ? null
                        : permitNotValid.statusNotes().get(status);
                require(
                        text != null && !text.isBlank(),
                        "permitNotValid.statusNotes." + status + " is required",
                        problems);
                String article = permitNotValid.statusArticles().get(status);
                require(
                        article == null || article.matches("\\d{2}(\\(\\d\\))?"),
                        "permitNotValid.statusArticles." + status + " must look like 33 or 33(2)",
                        problems);
            }
        }
        if (categoryTooLow == null) {
            problems.add("categoryTooLow is required");
        } else {
            violation(categoryTooLow.violationType(), categoryTooLow.article(), "categoryTooLow", problems);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < categoryTooLow.industries().size(); i++) {
                IndustryRule r = categoryTooLow.industries().get(i);
                String at = "categoryTooLow.industries[" + i + "]";
                require(
                        r.industryCode() != null && r.industryCode().matches("\\d{4}"),
                        at + ".industryCode must be a 4-digit GB/T 4754 class",
                        problems);
                require(
                        r.industryCode() == null || seen.add(r.industryCode()),
                        at + ".industryCode " + r.industryCode() + " appears twice",
                        problems);
                require(r.minimumCategory() != null, at + ".minimumCategory is required", problems);
                require(r.note() != null && !r.note().isBlank(), at + ".note is required", problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "remote-check rules " + code + " v" + version + " are not valid: " + String.join("; ", problems));
        }
        return this;
    }

    private static void violation(String type, String article, String at, List<String> problems) {
        try {
            ViolationType.valueOf(String.valueOf(type));
        } catch (IllegalArgumentException e) {
            problems.add(at + ".violationType " + type + " is not one of the ten violation types");
        }
        require(
                article != null && article.matches("\\d{2}(\\(\\d\\))?"),
                at + ".article must look like 33 or 34(1)",
                problems);
    }

    private static void require(boolean ok, String message, List<String> problems) {
        if (!ok) {
            problems.add(message);
        }
    }
}
