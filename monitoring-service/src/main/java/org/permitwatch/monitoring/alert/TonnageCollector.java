package org.permitwatch.monitoring.alert;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.monitoring.hj212.DataCommand;
import org.permitwatch.monitoring.hj212.DataMessage;
import org.permitwatch.monitoring.hj212.Hj212Segment;
import org.permitwatch.monitoring.receiver.RawTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per MN (the raw topic's key, so no repartition here): sums each pollutant's minute emission amounts ({@code -Cou} of
 * CN 2051, kg) into days and, when a day closes (its 23:59 minute, or a minute of a later day), forwards the day as an
 * {@link OutletDay} keyed permit|pollutant — if the point's outlet is a main outlet with an annual amount for the
 * pollutant (asked of the directory once per day and series, not per minute). Days come from DataTime, never the
 * wall clock. Only minute data count: 2061/2031 carry the same amounts again, summed by the unit itself.
 */
final class TonnageCollector implements Processor<String, String, String, String> {

    static final String DAYS = "monitoring-alert-tonnage-days";
    private static final Logger log = LoggerFactory.getLogger(TonnageCollector.class);

    private final ZoneId zone;
    private final JsonMapper json;
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, String> days;
    private KeyValueStore<String, String> directory;

    TonnageCollector(ZoneId zone, JsonMapper json) {
        this.zone = zone;
        this.json = json;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.days = context.getStateStore(DAYS);
        this.directory = context.getStateStore(AlertProcessor.DIRECTORY);
    }

    @Override
    public void process(Record<String, String> record) {
        if (RawTopic.isTick(record.headers())) {
            return; // stream time only (ADR 0049)
        }
        String permitNo = header(record.headers(), RawTopic.PERMIT_NO);
        String outletCode = header(record.headers(), RawTopic.OUTLET_CODE);
        if (record.key() == null || record.value() == null || permitNo == null || outletCode == null) {
            return;
        }
        if (!record.value().contains("-Cou=")) {
            return; // most frames: no amounts, nothing to parse for
        }
        DataMessage message;
        try {
            message = DataMessage.from(Hj212Segment.parse(record.value()));
        } catch (RuntimeException unreadable) {
            return; // AlertProcessor logs it
        }
        if (message.command() != DataCommand.MINUTE) {
            return;
        }
        LocalDateTime minute = message.dataTime().truncatedTo(ChronoUnit.MINUTES);
        for (DataMessage.Value value : message.values()) {
            if (value.cou() == null || RuleParameters.OXYGEN.equals(value.pollutant())) {
                continue;
            }
            String key = permitNo + "|" + outletCode + "|" + message.mn() + "|" + value.pollutant();
            String stored = days.get(key);
            DayTonnage acc = stored == null ? DayTonnage.empty() : json.readValue(stored, DayTonnage.class);
            if (acc.isLate(minute)) {
                continue; // a resend of a minute already counted
            }
            if (acc.isOpenBefore(minute.toLocalDate())) {
                close(permitNo, outletCode, message.mn(), value.pollutant(), acc);
                acc = acc.closed();
            }
            acc = acc.add(minute, value.cou().doubleValue());
            if (minute.getHour() == 23 && minute.getMinute() == 59) {
                close(permitNo, outletCode, message.mn(), value.pollutant(), acc);
                acc = acc.closed();
            }
            days.put(key, json.writeValueAsString(acc));
        }
    }

    private void close(String permitNo, String outletCode, String mn, String pollutant, DayTonnage acc) {
        if (!counts(permitNo, outletCode, pollutant)) {
            return;
        }
        LocalDate day = acc.day();
        OutletDay out = new OutletDay(mn, outletCode, day, acc.kg(), acc.minutes());
        long end = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        context.forward(new Record<>(permitNo + "|" + pollutant, json.writeValueAsString(out), end));
    }

    private boolean counts(String permitNo, String outletCode, String pollutant) {
        String unitJson = PackedSnapshots.unpack(directory.get(permitNo));
        if (unitJson == null) {
            return false;
        }
        try {
            DirectoryUnitSnapshot unit = json.readValue(unitJson, DirectoryUnitSnapshot.class);
            return unit.outlets().stream()
                    .anyMatch(o -> outletCode.equals(o.outletCode()) && PermitTonnage.counts(o, pollutant));
        } catch (RuntimeException unreadable) {
            log.warn("unreadable directory snapshot of {}: {}", permitNo, unreadable.getMessage());
            return false;
        }
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
