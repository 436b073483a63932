package org.permitwatch.monitoring.point;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A registered monitoring point as the API shows it (never its password), with what the directory says of it.
 *
 * @param outletOnPermit   false when the permit (as the directory has it now) has no outlet of that code
 * @param unpermittedPollutants pollutants the point sends that the permit sets no limit for at that outlet
 */
public record PointView(
        UUID id,
        String mn,
        String permitNo,
        @Schema(nullable = true) String unitName,
        String outletCode,
        @Schema(nullable = true) String outletName,
        boolean outletOnPermit,
        List<String> pollutants,
        List<String> unpermittedPollutants,
        String divisionCode,
        String source,
        OffsetDateTime createdAt) {

    public PointView {
        pollutants = List.copyOf(pollutants);
        unpermittedPollutants = List.copyOf(unpermittedPollutants);
    }
}
