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
    /**
     * HJ 212-2017 附录 B codes of water (w…) and air (a…) pollutants and parameters: a letter and five digits, e.g.
     * a21026 (SO2), w01018 (COD). The 2005 edition's codes (011, B02, …) are not this standard's and are refused.
     */
    static final Pattern POLLUTANT = Pattern.compile("[aw][0-9]{5}");

    static final int MAX_POLLUTANTS = 40;

    /** The form with its pollutants de-duplicated, or 400 naming every bad field. */
    PointForm validated() {
        List<FieldProblem> problems = problems("");
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(
                    ProblemCodes.VALIDATION_FAILED, "the monitoring point is not valid", problems);
        }
        return normalized();
    }

    /**
     * What is wrong with the form, each problem's field prefixed (an imported sheet's row is {@code rows[7].}): the one
     * place where a point's fields are judged, for the form and for every row of an import.
     */
    List<FieldProblem> problems(String prefix) {
        List<FieldProblem> problems = new ArrayList<>();
        if (mn == null || !MN.matcher(mn).matches()) {
            problems.add(FieldProblem.of(prefix + "mn", "must be 1 to 24 letters or digits"));
        }
        if (password == null || !PASSWORD.matcher(password).matches()) {
            problems.add(FieldProblem.of(prefix + "password", "must be 1 to 64 printable characters without ; , & ="));
        }
        if (permitNo == null || permitNo.isBlank() || permitNo.length() > 40) {
            problems.add(FieldProblem.of(prefix + "permitNo", "is required (at most 40 characters)"));
        }
        if (outletCode == null || !OUTLET.matcher(outletCode).matches()) {
            problems.add(FieldProblem.of(prefix + "outletCode", "must be 1 to 20 letters, digits or -"));
        }
        if (pollutants == null || pollutants.isEmpty() || pollutants.size() > MAX_POLLUTANTS) {
            problems.add(
                    FieldProblem.of(prefix + "pollutants", "must list 1 to " + MAX_POLLUTANTS + " pollutant codes"));
        } else {
            List<String> unknown = pollutants.stream()
                    .filter(p -> p == null || !POLLUTANT.matcher(p).matches())
                    .map(String::valueOf)
                    .toList();
            if (!unknown.isEmpty()) {
                problems.add(new FieldProblem(
                        prefix + "pollutants",
                        "unknown pollutant code(s) " + String.join(", ", unknown)
                                + ": HJ 212-2017 codes are a or w and five digits, e.g. a21026, w01018",
                        unknown.size() > 5 ? null : String.join(",", unknown)));
            }
        }
        return problems;
    }

    /** Trimmed permit number, pollutants de-duplicated in their order; call after {@link #problems} found none. */
    PointForm normalized() {
        return new PointForm(mn, password, permitNo.trim(), outletCode, List.copyOf(new LinkedHashSet<>(pollutants)));
    }
}
