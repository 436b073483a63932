package org.permitwatch.events.liaison;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A city submitted against a reporting obligation (a deadline of the province), on
 * {@link LiaisonTopics#SUBMISSIONS}, keyed by {@code obligationId + ":" + cityCode + ":" + period}, CloudEvents
 * type {@value #TYPE}. A resubmission replaces the earlier one; consumers keep the latest per key.
 *
 * @param obligationCode stable code of the obligation, e.g. MONTHLY_DISPATCH, YEAR_SUMMARY
 * @param period         the period the submission is for, e.g. {@code 2027-06} or {@code 2027}
 * @param dueDate        the due date of that period
 * @param status         ON_TIME or LATE
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubmissionRecorded(
        UUID submissionId,
        UUID obligationId,
        String obligationCode,
        String cityCode,
        String period,
        LocalDate dueDate,
        String status,
        String submittedBy,
        OffsetDateTime submittedAt) {

    public static final String TYPE = "org.permitwatch.liaison.submission.recorded.v1";
}
