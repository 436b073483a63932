package org.permitwatch.inspection.penalty;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/**
 * The explanation stored with a daily continuous fine (按日连续处罚) decision, so the amount can be re-checked by hand.
 * Amounts are decimal strings in yuan, exactly as computed (never rounded through a double).
 *
 * @param originalFineYuan       the case's FINE decision, the amount multiplied
 * @param dailyAmountYuan        the amount per day (the original fine)
 * @param servedOn               the day the rectification order was served (送达日)
 * @param previouslyFinedThrough the last day an earlier daily fine of this case covered; null for the first one
 * @param fromDate               first day fined
 * @param toDate                 last day fined (the re-inspection day)
 * @param days                   toDate − fromDate + 1
 * @param amountYuan             dailyAmountYuan × days
 * @param formula                the formula in words
 * @param reinspectionWindowDays the window within which the re-inspection must follow the deadline
 * @param article                the case's article
 * @param legalBasis             the provisions the period and the amount rest on
 */
@Schema(description = "Explanation of a DAILY_CONTINUOUS decision (按日连续处罚); amounts are decimal strings in yuan")
public record DailyFineExplanation(
        @Schema(example = "200000") String originalFineYuan,
        @Schema(example = "200000") String dailyAmountYuan,
        LocalDate servedOn,
        LocalDate previouslyFinedThrough,
        LocalDate fromDate,
        LocalDate toDate,
        int days,
        @Schema(example = "2000000") String amountYuan,
        String formula,
        int reinspectionWindowDays,
        String article,
        List<String> legalBasis) {

    static final String FORMULA = "dailyAmountYuan × days; days = toDate − fromDate + 1";
}
