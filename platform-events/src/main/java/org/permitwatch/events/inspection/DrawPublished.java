package org.permitwatch.events.inspection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A draw's results were published (一公开), on {@link InspectionTopics#DRAWS}, keyed by draw id, CloudEvents type
 * {@value #TYPE}. Only now may the drawn units be shown to the public; the inspectors' names are not part of it.
 *
 * @param periodMonth {@code yyyy-MM}
 * @param seedHash    SHA-256 (hex) committed before the draw
 * @param seed        the revealed seed (hex), so anyone can check the draw
 * @param units       the drawn units, in draw order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DrawPublished(
        UUID drawId,
        UUID planId,
        String cityCode,
        String periodMonth,
        String keyIndustry,
        String seedHash,
        String seed,
        List<Unit> units,
        OffsetDateTime publishedAt) {

    public static final String TYPE = "org.permitwatch.inspection.draw.published.v1";

    public DrawPublished {
        units = units == null ? List.of() : List.copyOf(units);
    }

    /** @param stratum SPECIAL, KEY, GENERAL or TARGETED */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Unit(String permitNumber, String unitName, String countyCode, String stratum) {}
}
