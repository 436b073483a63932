package org.permitwatch.monitoring.alert;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.Rule;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.SeriesPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the rules about a point as a whole share (ADR 0038): the episode store (their state lives there under their own
 * key prefixes, so the topology keeps its three stores), the directory, the parameters and the way out.
 */
final class PointRuleContext {

    private static final Logger log = LoggerFactory.getLogger(PointRuleContext.class);

    final RuleParameters parameters;
    final ZoneId zone;
    final KeyValueStore<String, String> episodes;
    private final KeyValueStore<String, String> directory;
    private final JsonMapper json;
    private final Consumer<Record<String, String>> forward;

    PointRuleContext(
            RuleParameters parameters,
            ZoneId zone,
            JsonMapper json,
            KeyValueStore<String, String> episodes,
            KeyValueStore<String, String> directory,
            Consumer<Record<String, String>> forward) {
        this.parameters = parameters;
        this.zone = zone;
        this.json = json;
        this.episodes = episodes;
        this.directory = directory;
        this.forward = forward;
    }

    <T> T read(String key, Class<T> type) {
        String value = episodes.get(key);
        return value == null ? null : json.readValue(value, type);
    }

    <T> T parse(String value, Class<T> type) {
        return json.readValue(value, type);
    }

    void put(String key, Object value) {
        episodes.put(key, json.writeValueAsString(value));
    }

    void delete(String key) {
        episodes.delete(key);
    }

    /** The permit's current snapshot, or null when the directory does not have it (or cannot be read). */
    DirectoryUnitSnapshot unit(String permitNo) {
        String value = permitNo == null ? null : PackedSnapshots.unpack(directory.get(permitNo));
        if (value == null) {
            return null;
        }
        try {
            return json.readValue(value, DirectoryUnitSnapshot.class);
        } catch (RuntimeException unreadable) {
            log.warn("unreadable directory snapshot of {}: {}", permitNo, unreadable.getMessage());
            return null;
        }
    }

    OffsetDateTime at(LocalDateTime dataTime) {
        return dataTime.atZone(zone).toOffsetDateTime();
    }

    void emit(
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
            Map<String, Object> ruleParameters) {
        forward.accept(AlertRecords.record(
                AlertRecords.pointAlert(
                        rule,
                        status,
                        mn,
                        unit,
                        episode,
                        worstValue,
                        valueUnit,
                        evidence,
                        periodEnd,
                        changedAt,
                        parameters.version(),
                        ruleParameters),
                json));
    }
}
