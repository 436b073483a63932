package org.permitwatch.monitoring.warning;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;

/** Lifting a warning (解除预警): the time it ends. */
@Schema(name = "HeavyPollutionWarningLift")
public record LiftForm(
        @Schema(
                description = "when the warning ends (exclusive); must be after its start",
                example = "2026-12-07T12:00:00+08:00")
        OffsetDateTime endsAt) {}
