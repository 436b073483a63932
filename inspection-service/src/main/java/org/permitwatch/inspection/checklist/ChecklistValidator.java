package org.permitwatch.inspection.checklist;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.permitwatch.events.vocabulary.ViolationType;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;

/** Checks a draft completely before anything is stored; all problems are reported at once, each with its field. */
final class ChecklistValidator {

    static final int MAX_ITEMS = 500;
    private static final int MAX_TEXT = 2000;

    private ChecklistValidator() {}

    /** @param provinceDraft true for a province version (items 1–10, each with a general row), false for a city addition */
    static List<ValidItem> validate(ChecklistDraft draft, boolean provinceDraft) {
        List<FieldProblem> problems = new ArrayList<>();
        if (blank(draft.title()) || draft.title().length() > 200) {
            problems.add(new FieldProblem("title", "is required, at most 200 characters", null));
        }
        if (draft.note() != null && draft.note().length() > MAX_TEXT) {
            problems.add(new FieldProblem("note", "must be at most " + MAX_TEXT + " characters", null));
        }
        if (provinceDraft && draft.basedOn() != null) {
            problems.add(new FieldProblem(
                    "basedOn", "a province version is complete and is not based on another", draft.basedOn()));
        }
        if (!provinceDraft && draft.basedOn() == null) {
            problems.add(
                    new FieldProblem("basedOn", "a city's addition must name the province version it extends", null));
        }
        List<ValidItem> valid = new ArrayList<>();
        if (draft.items() == null || draft.items().isEmpty() || draft.items().size() > MAX_ITEMS) {
            problems.add(new FieldProblem("items", "between 1 and " + MAX_ITEMS + " items are required", null));
        } else {
            Set<String> codes = new HashSet<>();
            Set<Integer> generalItemNos = new HashSet<>();
            for (int i = 0; i < draft.items().size(); i++) {
                ValidItem item = item("items[" + i + "]", draft.items().get(i), provinceDraft, problems);
                if (item != null) {
                    if (!codes.add(item.itemNo() + "." + item.industryKey())) {
                        problems.add(new FieldProblem("items[" + i + "]", "duplicate item number and industry", null));
                    }
                    if (item.keyIndustry() == null) {
                        generalItemNos.add(item.itemNo());
                    }
                    valid.add(item);
                }
            }
            if (provinceDraft) {
                for (int no = 1; no <= 10; no++) {
                    if (!generalItemNos.contains(no)) {
                        problems.add(new FieldProblem(
                                "items", "item " + no + " needs a general row (keyIndustry null)", null));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "checklist draft is invalid", problems);
        }
        return valid;
    }

    private static ValidItem item(
            String path, ChecklistDraft.Item item, boolean provinceDraft, List<FieldProblem> problems) {
        if (item == null) {
            problems.add(new FieldProblem(path, "must not be null", null));
            return null;
        }
        int before = problems.size();
        Integer no = item.itemNo();
        if (no == null || (provinceDraft && (no < 1 || no > 10)) || (!provinceDraft && no < 100)) {
            problems.add(new FieldProblem(
                    path + ".itemNo",
                    provinceDraft
                            ? "must be 1 to 10 for a province version"
                            : "must be 100 or more for a city's addition",
                    no));
        }
        KeyIndustry industry = null;
        if (item.keyIndustry() != null) {
            industry = parse(KeyIndustry.class, item.keyIndustry());
            if (industry == null || !industry.hasOwnList()) {
                problems.add(new FieldProblem(
                        path + ".keyIndustry", "must be one of the seven key industries or null", item.keyIndustry()));
            }
        }
        text(path + ".title", item.title(), 200, problems);
        text(path + ".legalBasis", item.legalBasis(), MAX_TEXT, problems);
        text(path + ".article", item.article(), 100, problems);
        list(path + ".subPoints", item.subPoints(), problems);
        list(path + ".evidenceRequired", item.evidenceRequired(), problems);
        CheckMethod method = parse(CheckMethod.class, item.checkMethod());
        if (method == null) {
            problems.add(
                    new FieldProblem(path + ".checkMethod", "must be ON_SITE, REMOTE or BOTH", item.checkMethod()));
        }
        ViolationType violation = parse(ViolationType.class, item.violationType());
        if (violation == null) {
            problems.add(new FieldProblem(
                    path + ".violationType", "must be one of the ten violation types", item.violationType()));
        }
        List<String> given = item.subPointArticles();
        if (given != null
                && item.subPoints() != null
                && given.size() != item.subPoints().size()) {
            problems.add(new FieldProblem(
                    path + ".subPointArticles",
                    "must have one entry per sub-point (null = the item's article)",
                    given.size()));
        } else if (given != null && given.stream().anyMatch(a -> a != null && (a.isBlank() || a.length() > 100))) {
            problems.add(new FieldProblem(path + ".subPointArticles", "entries are null or 1 to 100 characters", null));
        }
        if (problems.size() > before) {
            return null;
        }
        String article = item.article().trim();
        List<String> articles = new ArrayList<>();
        for (int i = 0; i < item.subPoints().size(); i++) {
            String a = given == null ? null : given.get(i);
            articles.add(a == null ? article : a.trim());
        }
        return new ValidItem(
                no,
                industry,
                item.title().trim(),
                item.subPoints().stream().map(String::trim).toList(),
                item.legalBasis().trim(),
                method,
                item.evidenceRequired().stream().map(String::trim).toList(),
                violation,
                article,
                List.copyOf(articles));
    }

    private static void text(String field, String value, int max, List<FieldProblem> problems) {
        if (blank(value) || value.length() > max) {
            problems.add(new FieldProblem(field, "is required, at most " + max + " characters", null));
        }
    }

    private static void list(String field, List<String> values, List<FieldProblem> problems) {
        if (values == null
                || values.isEmpty()
                || values.size() > 50
                || values.stream().anyMatch(v -> blank(v) || v.length() > MAX_TEXT)) {
            problems.add(new FieldProblem(field, "1 to 50 non-blank entries are required", null));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A validated item, ready to store. */
    record ValidItem(
            int itemNo,
            KeyIndustry keyIndustry,
            String title,
            List<String> subPoints,
            String legalBasis,
            CheckMethod checkMethod,
            List<String> evidenceRequired,
            ViolationType violationType,
            String article,
            List<String> subPointArticles) {

        String industryKey() {
            return keyIndustry == null ? "GENERAL" : keyIndustry.name();
        }
    }
}
