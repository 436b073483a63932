package org.permitwatch.monitoring.point;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.problem.ProblemCodes;

/**
 * A monitoring point to register: the data-acquisition unit's MN and access password (PW), the permit and outlet it
 * measures, and the pollutant codes it sends (HJ 212-2017 / HJ 524 codes such as a21026, a21002, a34013, w01018).
 */
public record PointForm(
        @Schema(description = "设备唯一标识 MN: 1 to 24 letters or digits", example = "88888880000001")
        String mn,

        @Schema(description = "访问密码 PW the unit sends; stored, never shown", example = "123456")
        String password,

        @Schema(description = "permit number of the monitored unit", example = "91140100MA0K000001001P")
        String permitNo,

        @Schema(description = "outlet code on the permit, e.g. DA001", example = "DA001")
        String outletCode,

        @Schema(description = "pollutant codes the point sends")
        List<String> pollutants) {

    static final Pattern MN = Pattern.compile("[0-9A-Za-z]{1,24}");
    /** The PW travels inside the segment: the separators of the segment cannot be part of it. */
    static final Pattern PASSWORD = Pattern.compile("[\\x21-\\x7E&&[^;,&=]]{1,64}");

    static final Pattern OUTLET = Pattern.compile("[A-Za-z0-9-]{1,20}");
    static final Pattern POLLUTANT = Pattern.compile("[A-Za-z0-9]{2,12}");
    static final int MAX_POLLUTANTS = 40;

    /** The form with its pollutants de-duplicated, or 400 naming every bad field. */
    PointForm validated() {
        List<FieldProblem> problems = new ArrayList<>();
        if (mn == null || !MN.matcher(mn).matches()) {
            problems.add(FieldProblem.of("mn", "must be 1 to 24 letters or digits"));
        }
        if (password == null || !PASSWORD.matcher(password).matches()) {
            problems.add(FieldProblem.of("password", "must be 1 to 64 printable characters without ; , & ="));
        }
        if (permitNo == null || permitNo.isBlank() || permitNo.length() > 40) {
            problems.add(FieldProblem.of("permitNo", "is required (at most 40 characters)"));
        }
        if (outletCode == null || !OUTLET.matcher(outletCode).matches()) {
            problems.add(FieldProblem.of("outletCode", "must be 1 to 20 letters, digits or -"));
        }
        if (pollutants == null || pollutants.isEmpty() || pollutants.size() > MAX_POLLUTANTS) {
            problems.add(FieldProblem.of("pollutants", "must list 1 to " + MAX_POLLUTANTS + " pollutant codes"));
        } else if (pollutants.stream()
                .anyMatch(p -> p == null || !POLLUTANT.matcher(p).matches())) {
            problems.add(FieldProblem.of("pollutants", "every code must be 2 to 12 letters or digits, e.g. a21026"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(
                    ProblemCodes.VALIDATION_FAILED, "the monitoring point is not valid", problems);
        }
        return new PointForm(mn, password, permitNo.trim(), outletCode, List.copyOf(new LinkedHashSet<>(pollutants)));
    }
}
