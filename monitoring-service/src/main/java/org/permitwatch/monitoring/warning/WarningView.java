package org.permitwatch.monitoring.warning;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A heavy-pollution weather warning as stored. */
@Schema(name = "HeavyPollutionWarning")
public record WarningView(
        UUID id,
        String provinceCode,
        String cityCode,
        WarningLevel level,
        @Schema(description = "when it took / takes effect") OffsetDateTime startsAt,

        @Schema(description = "when it ends (exclusive); null while open-ended")
        OffsetDateTime endsAt,

        String reference,
        String declaredBy,
        OffsetDateTime declaredAt,

        @Schema(description = "who lifted it; null until lifted")
        String liftedBy,

        OffsetDateTime liftedAt,

        @Schema(description = "whether it is in force now (the bureau clock)")
        boolean inForce) {}
