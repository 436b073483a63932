package org.permitwatch.events.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The full current state of one heavy-pollution weather warning (重污染天气预警) of a city, declared or lifted through
 * monitoring-service's API, on the compacted {@link MonitoringTopics#WARNINGS} keyed {@code <cityCode>|<warningId>},
 * CloudEvents type {@value #TYPE}. A snapshot, never a delta: a reader keeps the latest value per key.
 *
 * @param warningId    the warning
 * @param provinceCode the city's province (6 digits)
 * @param cityCode     the city the warning is declared for (6 digits)
 * @param level        BLUE, YELLOW, ORANGE or RED (蓝色, 黄色, 橙色, 红色预警)
 * @param startsAt     when the warning (and its emergency response) takes effect
 * @param endsAt       when it is lifted (exclusive); null while open-ended
 * @param reference    the declaring notice's document number (文号), or null
 * @param changedAt    when this state was recorded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HeavyPollutionWarningChanged(
        UUID warningId,
        String provinceCode,
        String cityCode,
        String level,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        String reference,
        OffsetDateTime changedAt) {

    /** CloudEvents {@code ce_type}. */
    public static final String TYPE = "org.permitwatch.monitoring.warning.changed.v1";

    /** The topic key: the city first, so a city's warnings are found by prefix. */
    public String key() {
        return cityCode + "|" + warningId;
    }

    /** Whether the warning is in force for the whole of [{@code from}, {@code to}) (end exclusive). */
    public boolean covers(OffsetDateTime from, OffsetDateTime to) {
        return !startsAt.isAfter(from) && (endsAt == null || !endsAt.isBefore(to));
    }
}
