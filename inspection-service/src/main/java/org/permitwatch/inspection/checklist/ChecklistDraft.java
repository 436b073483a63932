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

    /** One item row; for the province item numbers 1–10, for a city 100 and up. */
    public record Item(Integer itemNo, String keyIndustry, String title, List<String> subPoints, String legalBasis,
                       String checkMethod, List<String> evidenceRequired, String violationType, String article) {
    }
}
