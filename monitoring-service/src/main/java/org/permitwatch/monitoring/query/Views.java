package org.permitwatch.monitoring.query;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** What the monitoring queries answer. */
public final class Views {

    private Views() {}

    /** A series of one point's pollutant over a range, at the resolution the range allows. */
    public record Series(
            String mn,
            String permitNo,
            String outletCode,
            String pollutant,
            Resolution resolution,
            OffsetDateTime from,
            OffsetDateTime to,
            List<SeriesPoint> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /** One stored value: the interval's mean, minimum, maximum and data flag. */
    public record SeriesPoint(
            OffsetDateTime time,
            BigDecimal avg,
            @Schema(nullable = true) BigDecimal min,
            @Schema(nullable = true) BigDecimal max,

            @Schema(description = "数据标记: N valid; F M S D C T B see HJ 212-2017")
            String flag) {}

    /** The newest value of a pollutant at a point, of any CN (2011 real-time included). */
    public record LatestValue(
            String mn,
            String outletCode,
            String pollutant,

            @Schema(description = "2011, 2051, 2061 or 2031")
            String cn,

            OffsetDateTime dataTime,
            BigDecimal value,
            String flag,
            OffsetDateTime receivedAt) {}

    /**
     * Coverage of one county on one day.
     *
     * @param requiredOutlets      outlets that must be automatically monitored (see UnmonitoredOutlet)
     * @param onlineOutlets        of those, the ones with a point that sent at least one hourly value that day
     * @param networkingRate       联网率 = onlineOutlets / requiredOutlets, 4 decimals; null without required outlets
     * @param expectedValues       hourly values due that day: 24 × the pollutants of every point on a required outlet
     * @param validValues          of those, received with flag N
     * @param validTransmissionRate 传输有效率 = validValues / expectedValues, 4 decimals; null when nothing is due
     */
    public record Coverage(
            @Schema(nullable = true, description = "the county or city of the row; null when grouped by industry")
            String divisionCode,

            long requiredOutlets,
            long onlineOutlets,
            @Schema(nullable = true) BigDecimal networkingRate,
            long expectedValues,
            long validValues,
            @Schema(nullable = true) BigDecimal validTransmissionRate,

            @Schema(
                    nullable = true,
                    description = "the plan table's industry row (PAPER … OTHER) when grouped by industry")
            String keyIndustry,

            @Schema(nullable = true, description = "its label (造纸 … 其他)")
            String keyIndustryLabel) {}
}
