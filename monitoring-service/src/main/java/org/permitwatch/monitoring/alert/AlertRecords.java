package org.permitwatch.monitoring.alert;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.permitwatch.events.CloudEventHeaders;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import tools.jackson.databind.json.JsonMapper;

/**
 * An alert state as the record on monitoring.alert.events.v1, with CloudEvents headers derived from the state (never
 * random), so a replay writes identical records — the same as {@link AlertProcessor} writes (kept separate so the
 * tonnage sub-topology does not reach into the processor other rules change).
 */
final class AlertRecords {

    private AlertRecords() {}

    static Record<String, String> of(MonitoringAlertChanged event, JsonMapper json) {
        String id = event.alertId().toString();
        Headers headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        add(
                headers,
                CloudEventHeaders.ID,
                UUID.nameUUIDFromBytes((id + "|" + event.status()).getBytes(StandardCharsets.UTF_8))
                        .toString());
        add(headers, CloudEventHeaders.TYPE, MonitoringAlertChanged.TYPE);
        add(headers, CloudEventHeaders.SOURCE, AlertProcessor.SOURCE);
        add(headers, CloudEventHeaders.SUBJECT, id);
        add(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.changedAt()));
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return new Record<>(
                id,
                json.writeValueAsString(event),
                event.changedAt().toInstant().toEpochMilli(),
                headers);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
