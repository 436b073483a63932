package org.permitwatch.inspection.interview;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;

/**
 * What an interview must hold before it is stored: every problem of the request at once, each naming its field
 * (RFC 9457 {@code errors[]}), so a form can mark all of them.
 */
final class InterviewRules {

    /** 行政处罚法（2021）第四十二条: 执法人员不得少于两人. */
    static final int MIN_OFFICERS = 2;

    static final int MAX_OFFICERS = 4;
    static final int MAX_QUESTIONS = 200;
    /** 居民身份证号码: 17 digits and a check character (digit or X). The check digit is not verified here. */
    private static final Pattern ID_NUMBER = Pattern.compile("^\\d{17}[\\dX]$");

    private InterviewRules() {}

    /** The ID number as stored: trimmed, a lower-case x made upper-case (both are written on cards and forms). */
    static String normaliseId(String id) {
        return id == null ? null : id.strip().toUpperCase(Locale.ROOT);
    }

    static void check(InterviewViews.InterviewRequest body) {
        if (body == null) {
            throw ApiException.invalidField("intervieweeName", "is required", null);
        }
        List<FieldProblem> problems = new ArrayList<>();
        text(problems, "intervieweeName", body.intervieweeName(), 50);
        String id = normaliseId(body.intervieweeIdNumber());
        if (id == null || !ID_NUMBER.matcher(id).matches()) {
            // the value is personal data: never echoed back
            problems.add(new FieldProblem("intervieweeIdNumber", "must be an 18-character resident ID number", null));
        }
        text(problems, "intervieweeRole", body.intervieweeRole(), 50);
        text(problems, "place", body.place(), 200);
        text(problems, "confirmation", body.confirmation(), 200);
        if (body.startedAt() == null) {
            problems.add(new FieldProblem("startedAt", "is required", null));
        }
        if (body.endedAt() == null) {
            problems.add(new FieldProblem("endedAt", "is required", null));
        } else if (body.startedAt() != null && !body.endedAt().isAfter(body.startedAt())) {
            problems.add(new FieldProblem("endedAt", "must be after startedAt", body.endedAt()));
        }
        List<UUID> officers = body.officerIds() == null ? List.of() : body.officerIds();
        if (officers.contains(null) || new HashSet<>(officers).size() != officers.size()) {
            problems.add(new FieldProblem("officerIds", "must name distinct inspectors", null));
        } else if (officers.size() < MIN_OFFICERS || officers.size() > MAX_OFFICERS) {
            problems.add(new FieldProblem(
                    "officerIds",
                    "must name " + MIN_OFFICERS + " to " + MAX_OFFICERS + " officers (行政处罚法第四十二条: 执法人员不得少于两人)",
                    officers.size()));
        }
        List<InterviewViews.QuestionAnswer> qa = body.questions() == null ? List.of() : body.questions();
        if (qa.isEmpty() || qa.size() > MAX_QUESTIONS) {
            problems.add(new FieldProblem("questions", "must hold 1 to " + MAX_QUESTIONS + " questions", qa.size()));
        }
        for (int i = 0; i < qa.size() && i < MAX_QUESTIONS; i++) {
            InterviewViews.QuestionAnswer item = qa.get(i);
            if (item == null) {
                problems.add(new FieldProblem("questions[" + i + "]", "is required", null));
                continue;
            }
            text(problems, "questions[" + i + "].question", item.question(), 2000);
            text(problems, "questions[" + i + "].answer", item.answer(), 4000);
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "request validation failed", problems);
        }
    }

    private static void text(List<FieldProblem> problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required", null));
        } else if (value.strip().length() > max) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters", null));
        }
    }
}
