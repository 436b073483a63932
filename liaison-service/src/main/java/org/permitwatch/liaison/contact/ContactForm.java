package org.permitwatch.liaison.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;
import org.permitwatch.support.security.DivisionCode;

/**
 * Body of POST and PUT {@code /api/v1/liaisons}. City liaisons sit at their city's code (e.g. 140100), province
 * contacts at the province code (140000): the one-per-city rule and the export grouping rely on it.
 */
record ContactForm(
        String role,
        String divisionCode,
        String personName,
        String organisation,
        String position,
        String phone,
        String email,
        String remarks,
        Integer sortOrder) {

    /** Mainland mobile number, or a landline with area code (0351-1234567). */
    static final Pattern PHONE = Pattern.compile("^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$");

    static final Pattern EMAIL =
            Pattern.compile("^[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}$");

    /** A validated, trimmed form with a parsed role. */
    record Valid(
            ContactRole role,
            String divisionCode,
            String personName,
            String organisation,
            String position,
            String phone,
            String email,
            String remarks,
            int sortOrder) {}

    /** Checks every field at once; personal data (phone, e-mail) is never echoed back in the problem. */
    Valid validated() {
        List<FieldProblem> problems = new ArrayList<>();
        ContactRole parsedRole = ContactRole.parse(role).orElse(null);
        if (parsedRole == null) {
            problems.add(new FieldProblem("role", "must be ENFORCEMENT, PERMIT_ISSUING or PROVINCE", role));
        }
        if (!DivisionCode.isValid(divisionCode)) {
            problems.add(new FieldProblem("divisionCode", "must be a 6-digit division code", divisionCode));
        } else if (parsedRole != null) {
            DivisionCode.Level level = DivisionCode.of(divisionCode).level();
            if (parsedRole.cityLevel() && level != DivisionCode.Level.CITY) {
                problems.add(new FieldProblem(
                        "divisionCode", "a city liaison is registered at the city's code (e.g. 140100)", divisionCode));
            } else if (!parsedRole.cityLevel() && level != DivisionCode.Level.PROVINCE) {
                problems.add(new FieldProblem(
                        "divisionCode",
                        "a province contact is registered at the province's code (e.g. 140000)",
                        divisionCode));
            }
        }
        if (blank(personName) || personName.trim().length() > 50) {
            problems.add(new FieldProblem("personName", "is required, at most 50 characters", null));
        }
        if (blank(organisation) || organisation.trim().length() > 100) {
            problems.add(new FieldProblem("organisation", "is required, at most 100 characters", null));
        }
        if (position != null && position.trim().length() > 50) {
            problems.add(new FieldProblem("position", "at most 50 characters", null));
        }
        if (phone == null || !PHONE.matcher(phone.trim()).matches()) {
            problems.add(new FieldProblem(
                    "phone", "must be a mainland mobile number (11 digits) or a landline such as 0351-1234567", null));
        }
        if (email == null
                || email.trim().length() > 100
                || !EMAIL.matcher(email.trim()).matches()) {
            problems.add(new FieldProblem("email", "must be an e-mail address", null));
        }
        if (remarks != null && remarks.length() > 200) {
            problems.add(new FieldProblem("remarks", "at most 200 characters", null));
        }
        if (sortOrder != null && (sortOrder < 0 || sortOrder > 9999)) {
            problems.add(new FieldProblem("sortOrder", "must be between 0 and 9999", sortOrder));
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(ProblemCodes.VALIDATION_FAILED, "liaison contact is invalid", problems);
        }
        return new Valid(
                parsedRole,
                divisionCode,
                personName.trim(),
                organisation.trim(),
                optional(position),
                phone.trim(),
                email.trim(),
                optional(remarks),
                sortOrder == null ? 0 : sortOrder);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String optional(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
