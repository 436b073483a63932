package org.permitwatch.monitoring.warning;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.security.DivisionCode;

/** A heavy-pollution weather warning to declare. */
@Schema(name = "HeavyPollutionWarningForm")
public record WarningForm(
        @Schema(
                description = "city (6-digit division code, e.g. 140100) the warning is declared for",
                example = "140100")
        String cityCode,

        @Schema(description = "warning level") WarningLevel level,

        @Schema(description = "when the warning takes effect", example = "2026-12-05T20:00:00+08:00")
        OffsetDateTime startsAt,

        @Schema(
                description = "when it ends (exclusive); omit while open-ended and lift it later",
                example = "2026-12-08T00:00:00+08:00")
        OffsetDateTime endsAt,

        @Schema(description = "document number of the declaring notice (文号), optional", example = "并重污染办〔2026〕12号")
        String reference) {

    /** Every malformed field at once, named (400 validation-failed). */
    WarningForm validated() {
        List<FieldProblem> errors = new ArrayList<>();
        if (cityCode == null
                || !DivisionCode.isValid(cityCode)
                || DivisionCode.of(cityCode).level() != DivisionCode.Level.CITY) {
            errors.add(new FieldProblem("cityCode", "must be the 6-digit code of a city (e.g. 140100)", cityCode));
        }
        if (level == null) {
            errors.add(new FieldProblem("level", "must be one of BLUE, YELLOW, ORANGE, RED", null));
        }
        if (startsAt == null) {
            errors.add(new FieldProblem("startsAt", "is required", null));
        }
        if (endsAt != null && startsAt != null && !endsAt.isAfter(startsAt)) {
            errors.add(new FieldProblem("endsAt", "must be after startsAt", endsAt.toString()));
        }
        String ref = reference == null || reference.isBlank() ? null : reference.strip();
        if (ref != null && ref.length() > 100) {
            errors.add(new FieldProblem("reference", "at most 100 characters", null));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("validation-failed", "the warning has invalid fields", errors);
        }
        return new WarningForm(cityCode, level, startsAt, endsAt, ref);
    }
}
