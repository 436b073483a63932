package org.permitwatch.inspection.checklist;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shipped province checklist as stored in {@code classpath:checklist/province-v<n>.json}: ten items, each with
 * the general sub-points and the sub-points of every key industry; {@code industryStandards} are appended to an
 * item's legal basis for the row of that industry.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChecklistSeed(
        String code,
        int version,
        String divisionCode,
        String title,
        String note,
        Map<String, String> industryStandards,
        List<SeedItem> items) {

    static final String GENERAL = "GENERAL";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SeedItem(
            int itemNo,
            String title,
            String legalBasis,
            String checkMethod,
            List<String> evidenceRequired,
            String violationType,
            String article,
            List<Object> general,
            Map<String, List<Object>> industries) {}

    /** The seed as the draft a province user would POST: one general row and one row per industry per item. */
    ChecklistDraft toDraft() {
        List<ChecklistDraft.Item> rows = new ArrayList<>();
        for (SeedItem item : items) {
            rows.add(row(item, null, item.general()));
            item.industries().forEach((industry, subPoints) -> rows.add(row(item, industry, subPoints)));
        }
        return new ChecklistDraft(title, note, null, rows);
    }

    /**
     * A sub-point in the seed is either its text (it takes the item's article) or {@code {text, article}}: the
     * article and 项 of 《排污许可管理条例》 that punishes exactly that sub-point.
     */
    private ChecklistDraft.Item row(SeedItem item, String industry, List<Object> subPoints) {
        String standards = industryStandards.get(industry == null ? GENERAL : industry);
        String basis = standards == null ? item.legalBasis() : item.legalBasis() + "；" + standards;
        List<String> texts = new ArrayList<>();
        List<String> articles = new ArrayList<>();
        for (Object s : subPoints) {
            if (s instanceof Map<?, ?> m) {
                texts.add((String) m.get("text"));
                articles.add(m.get("article") == null ? item.article() : (String) m.get("article"));
            } else {
                texts.add((String) s);
                articles.add(item.article());
            }
        }
        return new ChecklistDraft.Item(
                item.itemNo(),
                industry,
                item.title(),
                texts,
                basis,
                item.checkMethod(),
                item.evidenceRequired(),
                item.violationType(),
                item.article(),
                articles);
    }
}
