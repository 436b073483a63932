package org.permitwatch.liaison.clue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.permitwatch.events.liaison.ClueTransferred;
import org.permitwatch.support.input.PlausibleDateValidator;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.DivisionCode;

/** Request bodies of the clue API, validated into problems naming the fields. */
final class ClueForms {

    private static final LocalDate REQUESTED_NOT_BEFORE = LocalDate.of(2000, 1, 1);
    private static final int REQUESTED_YEARS_AHEAD = 2;

    private ClueForms() {}

    /**
     * A new clue from the caller's division. The token carries no department, so the sender names it.
     *
     * @param toDivisionCode 6-digit division of the receiving bureau (may be the caller's own)
     */
    record Create(
            Department fromDepartment,
            String toDivisionCode,
            Department toDepartment,
            String permitNumber,
            String summary,
            List<ClueTransferred.Evidence> evidence,
            LocalDate requestedBy) {

        Create validated() {
            List<FieldProblem> problems = new ArrayList<>();
            if (fromDepartment == null) {
                problems.add(new FieldProblem("fromDepartment", "is required", null));
            }
            if (toDepartment == null) {
                problems.add(new FieldProblem("toDepartment", "is required", null));
            }
            if (!DivisionCode.isValid(toDivisionCode)) {
                problems.add(new FieldProblem("toDivisionCode", "must be a 6-digit division code", toDivisionCode));
            }
            if (permitNumber == null || permitNumber.isBlank() || permitNumber.length() > 64) {
                problems.add(new FieldProblem("permitNumber", "is required, at most 64 characters", permitNumber));
            }
            if (summary == null || summary.isBlank() || summary.length() > 4000) {
                problems.add(new FieldProblem("summary", "is required, at most 4000 characters", null));
            }
            // A clue asks for action within weeks; 1900 or a far-off year is a typo the consumer would dead-letter.
            FieldProblem requested = PlausibleDateValidator.problem(
                    "requestedBy", requestedBy, REQUESTED_NOT_BEFORE, REQUESTED_YEARS_AHEAD);
            if (requested != null) {
                problems.add(requested);
            }
            if (evidence != null) {
                if (evidence.size() > 50) {
                    problems.add(new FieldProblem("evidence", "at most 50 items", evidence.size()));
                }
                for (int i = 0; i < evidence.size(); i++) {
                    ClueTransferred.Evidence e = evidence.get(i);
                    if (e == null
                            || e.kind() == null
                            || e.kind().isBlank()
                            || e.kind().length() > 40) {
                        problems.add(new FieldProblem(
                                "evidence[" + i + "].kind",
                                "is required, at most 40 characters",
                                e == null ? null : e.kind()));
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "clue is invalid", problems);
            }
            return this;
        }
    }

    /** The receiving bureau declines a clue; the sender reads the reason. */
    record Reject(String reason) {

        Reject validated() {
            if (reason == null || reason.isBlank() || reason.length() > 1000) {
                throw ApiException.badRequest(
                        ProblemCodes.VALIDATION_FAILED,
                        "rejection is invalid",
                        List.of(new FieldProblem("reason", "is required, at most 1000 characters", null)));
            }
            return this;
        }
    }

    /** 通报反馈: what was done and the outcome. */
    record Feedback(String text, FeedbackResult result) {

        Feedback validated() {
            List<FieldProblem> problems = new ArrayList<>();
            if (text == null || text.isBlank() || text.length() > 4000) {
                problems.add(new FieldProblem("text", "is required, at most 4000 characters", null));
            }
            if (result == null) {
                problems.add(new FieldProblem("result", "is required", null));
            }
            if (!problems.isEmpty()) {
                throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "feedback is invalid", problems);
            }
            return this;
        }
    }
}
