package org.permitwatch.reporting.disclosure;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What the public sees (一公开). Built from fields that carry no personal data: no inspector, submitter or decider
 * is stored by reporting at all, and the views name units, divisions, dates and results only.
 */
final class PublicViews {

    private PublicViews() {
    }

    record Draw(UUID drawId, String cityCode, String cityName, String periodMonth, String industry,
                String seedHash, String seed, OffsetDateTime publishedAt, List<DrawnUnit> units) {
    }

    record DrawnUnit(int seq, String permitNumber, String unitName, String countyCode, String countyName,
                     String stratum) {
    }

    /**
     * @param result         COMPLIANT or NON_COMPLIANT
     * @param violationTypes labels of the violation types found
     * @param rectification  NONE, IN_PROGRESS, OVERDUE or COMPLETED
     */
    record InspectionResult(UUID recordId, String permitNumber, String unitName, String cityCode, String countyCode,
                            String countyName, String industry, LocalDate inspectedOn, String result,
                            List<String> violationTypes, String rectification) {
    }
}
