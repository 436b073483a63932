package org.permitwatch.permitsync.feedback;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code permitwatch.directory.feedback.*}: how enforcement feedback is counted into the directory.
 *
 * @param windowMonths   violations and fines count when decided within this many months (DOMAIN §6: "last year")
 * @param reconcileCron  when {@link FeedbackReconciliation} re-applies the facts ("-" = off)
 * @param reconcileBatch entries re-applied per transaction
 */
@Validated
@ConfigurationProperties("permitwatch.directory.feedback")
record FeedbackProperties(
        @Min(1) @Max(120) Integer windowMonths,
        String reconcileCron,
        @Min(1) @Max(10_000) Integer reconcileBatch) {

    FeedbackProperties {
        windowMonths = windowMonths == null ? 12 : windowMonths;
        reconcileCron = reconcileCron == null || reconcileCron.isBlank() ? "-" : reconcileCron;
        reconcileBatch = reconcileBatch == null ? 500 : reconcileBatch;
    }
}
