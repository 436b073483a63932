package org.permitwatch.inspection.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.DivisionCode;

/** Body of POST and PUT {@code /api/v1/inspectors}. {@code onPost} is a Boolean so that a missing value is reported. */
record InspectorForm(
        String certificateNo,
        String name,
        String divisionCode,
        List<String> specialties,
        Boolean onPost,
        String phone) {

    private static final Pattern CERTIFICATE = Pattern.compile("[0-9A-Za-z\\-]{4,40}");
    private static final Pattern PHONE = Pattern.compile("[0-9+\\- ]{5,20}");
    private static final Pattern SPECIALTY = Pattern.compile("[A-Z_]{2,40}");

    /** Validates the whole form, reporting every bad field at once; returns the normalised form. */
    InspectorForm validated() {
        List<FieldProblem> problems = new ArrayList<>();
        if (certificateNo == null || !CERTIFICATE.matcher(certificateNo.trim()).matches()) {
            problems.add(new FieldProblem("certificateNo", "4 to 40 letters, digits or '-' (执法证号)", certificateNo));
        }
        if (name == null || name.isBlank() || name.length() > 50) {
            problems.add(new FieldProblem("name", "is required, at most 50 characters", null));
        }
        if (!DivisionCode.isValid(divisionCode)) {
            problems.add(new FieldProblem("divisionCode", "must be a 6-digit division code", divisionCode));
        }
        if (specialties != null
                && (specialties.size() > 20
                        || specialties.stream()
                                .anyMatch(
                                        s -> s == null || !SPECIALTY.matcher(s).matches()))) {
            problems.add(new FieldProblem("specialties", "at most 20 upper-case codes such as COKING or WATER", null));
        }
        if (onPost == null) {
            problems.add(new FieldProblem("onPost", "is required", null));
        }
        if (phone != null && !phone.isBlank() && !PHONE.matcher(phone).matches()) {
            // Not echoed back: a phone number is personal data.
            problems.add(new FieldProblem("phone", "must be 5 to 20 digits, '+', '-' or spaces", null));
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "inspector is invalid", problems);
        }
        return new InspectorForm(
                certificateNo.trim(),
                name.trim(),
                divisionCode,
                specialties == null
                        ? List.of()
                        : specialties.stream().distinct().sorted().toList(),
                onPost,
                phone == null || phone.isBlank() ? null : phone.trim());
    }
}
