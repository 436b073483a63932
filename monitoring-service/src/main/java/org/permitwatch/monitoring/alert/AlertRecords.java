package org.permitwatch.monitoring.alert;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.Rule;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.SeriesPoint;
import tools.jackson.databind.json.JsonMapper;

/** The alert record as written to the alerts topic (one place for its key, timestamp and CloudEvents headers). */
final class AlertRecords {

    private AlertRecords() {}

    /**
     * The record of one alert state: keyed by alert id, timestamped with {@code changedAt} (stream time), so a replay
     * writes identical records.
     */
    static Record<String, String> record(MonitoringAlertChanged event, JsonMapper json) {
        String id = event.alertId().toString();
        OffsetDateTime changedAt = event.changedAt();
        Headers headers = new RecordHeaders();
        // ce_id derived too: the same state replayed carries the same id, which consumers' inboxes recognise.
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        add(
                headers,
                CloudEventHeaders.ID,
                UUID.nameUUIDFromBytes((id + "|" + event.status()).getBytes(StandardCharsets.UTF_8))
                        .toString());
        add(headers, CloudEventHeaders.TYPE, MonitoringAlertChanged.TYPE);
        add(headers, CloudEventHeaders.SOURCE, AlertProcessor.SOURCE);
        add(headers, CloudEventHeaders.SUBJECT, id);
        add(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(changedAt));
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return new Record<>(
                id, json.writeValueAsString(event), changedAt.toInstant().toEpochMilli(), headers);
    }

    /**
     * An alert about the point as a whole (no pollutant, no limit, no standard): DATA_MISSING, FLAG_MISUSE,
     * UNKNOWN_OUTLET.
     */
    static MonitoringAlertChanged pointAlert(
            Rule rule,
            String status,
            String mn,
            DirectoryUnitSnapshot unit,
            Episode episode,
            Double worstValue,
            String valueUnit,
            List<SeriesPoint> evidence,
            OffsetDateTime periodEnd,
            OffsetDateTime changedAt,
            String parametersVersion,
            Map<String, Object> parameters) {
        return new MonitoringAlertChanged(
                episode.alertId(),
                rule.name(),
                status,
                mn,
                unit.permitNo(),
                unit.unitName(),
                unit.provinceCode(),
                unit.cityCode(),
                unit.countyCode(),
                unit.keyIndustry(),
                episode.outletCode(),
                null,
                episode.periodStart(),
                periodEnd,
                worstValue,
                null,
                valueUnit,
                null,
                parametersVersion,
                parameters,
                evidence,
                changedAt);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
