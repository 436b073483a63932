package org.permitwatch.inspection.checklist;

import java.util.List;
import java.util.UUID;

/**
 * Request body of {@code POST /api/v1/checklists}, kept as strings so that every bad value is reported with its
 * JSON path by {@link ChecklistValidator} instead of a generic parse error.
 *
 * @param basedOn the province version a city's addition extends (required for a city, not allowed for the province)
 */
public record ChecklistDraft(String title, String note, UUID basedOn, List<Item> items) {

    /**
     * One item row; for the province item numbers 1–10, for a city 100 and up.
     *
     * @param article          the item's article: the default of a sub-point that names none
     * @param subPointArticles optional, one per sub-point (null entries take {@code article}): the article and 项 of
     *                         《排污许可管理条例》 that punishes that sub-point, e.g. {@code 第三十六条第（五）项}
     */
    public record Item(
            Integer itemNo,
            String keyIndustry,
            String title,
            List<String> subPoints,
            String legalBasis,
            String checkMethod,
            List<String> evidenceRequired,
            String violationType,
            String article,
            List<String> subPointArticles) {

        public Item(
                Integer itemNo,
                String keyIndustry,
                String title,
                List<String> subPoints,
                String legalBasis,
                String checkMethod,
                List<String> evidenceRequired,
                String violationType,
                String article) {
            this(
                    itemNo,
                    keyIndustry,
                    title,
                    subPoints,
                    legalBasis,
                    checkMethod,
                    evidenceRequired,
                    violationType,
                    article,
                    null);
        }
    }
}
