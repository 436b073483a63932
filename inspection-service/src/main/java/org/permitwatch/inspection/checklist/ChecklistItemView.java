package org.permitwatch.inspection.checklist;

import java.util.List;
import java.util.UUID;
import org.permitwatch.events.vocabulary.ViolationType;

/**
 * One check item as an inspector works through it.
 *
 * @param id               row id; stable for the lifetime of the (immutable) version
 * @param versionId        the version the row belongs to (the province's for items 1–10, the city's for additions)
 * @param itemNo           1–10 for the province's items, 100 and up for a city's additions
 * @param keyIndustry      the industry list the row comes from; null for the general list
 * @param code             stable code, {@code <itemNo>.<INDUSTRY|GENERAL>} or {@code <cityCode>.<itemNo>}
 * @param subPoints        what exactly to check, each with its own stable code
 * @param evidenceRequired evidence an inspector must collect for the item
 * @param violationType    the violation a non-compliant result becomes
 * @param article          the article of 《排污许可管理条例》 that punishes it
 */
public record ChecklistItemView(
        UUID id,
        UUID versionId,
        int itemNo,
        KeyIndustry keyIndustry,
        String code,
        String title,
        List<SubPoint> subPoints,
        String legalBasis,
        CheckMethod checkMethod,
        List<String> evidenceRequired,
        ViolationType violationType,
        String article) {

    public ChecklistItemView {
        subPoints = List.copyOf(subPoints);
        evidenceRequired = List.copyOf(evidenceRequired);
    }

    /**
     * One concrete thing to check within an item.
     *
     * @param article the article and 项 of 《排污许可管理条例》 that punishes this sub-point; null in rows stored before
     *                sub-points carried their own article (then the item's article applies)
     */
    public record SubPoint(String code, String text, String article) {

        /** This sub-point's article, or the item's when the row predates per-sub-point articles. */
        public String articleOr(String itemArticle) {
            return article == null || article.isBlank() ? itemArticle : article;
        }
    }
}
