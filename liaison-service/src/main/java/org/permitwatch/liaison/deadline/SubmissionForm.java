package org.permitwatch.liaison.deadline;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.permitwatch.support.input.PlausibleDateValidator;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;

/**
 * Body of POST {@code /api/v1/submissions}: a deadline, the month for a MONTHLY one, and exactly one of a document's
 * metadata (the file itself lives in the bureau's document system) or structured data.
 */
record SubmissionForm(
        UUID deadlineId,
        String period,
        Document document,

        @Schema(
                description = "structured data instead of a document (an open object: the deadline's form "
                        + "decides its members); give either document or data",
                type = "object",
                additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> data,

        String note) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final long MAX_SIZE = 500L * 1024 * 1024;

    record Document(String fileName, String sha256, Long size, String contentType) {}

    SubmissionForm validated() {
        List<FieldProblem> problems = new ArrayList<>();
        if (deadlineId == null) {
            problems.add(FieldProblem.of("deadlineId", "is required"));
        }
        if (period != null && !PERIOD.matcher(period).matches()) {
            problems.add(new FieldProblem("period", "must be a month (YYYY-MM)", period));
        } else if (period != null) {
            // The shared date rule on the month's first day: a report for 1900-11 is a typo.
            FieldProblem implausible = PlausibleDateValidator.problem(
                    "period", java.time.YearMonth.parse(period).atDay(1), java.time.LocalDate.of(2000, 1, 1), 5);
            if (implausible != null) {
                problems.add(new FieldProblem("period", implausible.message(), period));
            }
        }
        if ((document == null) == (data == null || data.isEmpty())) {
            problems.add(FieldProblem.of("document", "give either document or data, not both"));
        }
        if (document != null) {
            if (document.fileName() == null
                    || document.fileName().isBlank()
                    || document.fileName().length() > 255) {
                problems.add(new FieldProblem(
                        "document.fileName", "is required, at most 255 characters", document.fileName()));
            }
            if (document.sha256() == null || !SHA256.matcher(document.sha256()).matches()) {
                problems.add(
                        new FieldProblem("document.sha256", "must be 64 lower-case hex digits", document.sha256()));
            }
            if (document.size() == null || document.size() < 1 || document.size() > MAX_SIZE) {
                problems.add(new FieldProblem("document.size", "must be 1 byte to 500 MB", document.size()));
            }
            if (document.contentType() == null || !document.contentType().matches("[\\w.+\\-]+/[\\w.+\\-]+")) {
                problems.add(new FieldProblem(
                        "document.contentType",
                        "must be a media type such as application/pdf",
                        document.contentType()));
            }
        }
        if (note != null && note.length() > 1000) {
            problems.add(FieldProblem.of("note", "at most 1000 characters"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "submission is invalid", problems);
        }
        return this;
    }
}
