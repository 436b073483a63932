package org.permitwatch.monitoring.alert;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.Rule;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.SeriesPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * ANNUAL_TONNAGE_AHEAD, per permit × pollutant (the tonnage repartition topic is keyed so, so every outlet's days of a
 * permit meet in one task): adds each outlet's day to the {@link TonnageLedger}, forecasts the permit year
 * ({@link TonnageForecast}) and opens the alert when the forecast exceeds the permitted amount, resolves it when it no
 * longer does or when the permit year ends. The alert is about the permit's total, not one point: {@code mn} and
 * {@code outletCode} are null; {@code worstValue} is the amount emitted in the permit year so far (what has to pass
 * {@code limit} before it is a violation — inspection refuses a case until then), the forecast is in the parameters.
 */
final class TonnageJudge implements Processor<String, String, String, String> {

    static final String LEDGERS = "monitoring-alert-tonnage";
    static final String UNIT = "t";
    private static final Logger log = LoggerFactory.getLogger(TonnageJudge.class);

    private final TonnageParameters parameters;
    private final ZoneId zone;
    private final JsonMapper json;
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, String> ledgers;
    private KeyValueStore<String, String> directory;

    TonnageJudge(TonnageParameters parameters, ZoneId zone, JsonMapper json) {
        this.parameters = parameters;
        this.zone = zone;
        this.json = json;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.ledgers = context.getStateStore(LEDGERS);
        this.directory = context.getStateStore(AlertProcessor.DIRECTORY);
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        int bar = record.key().lastIndexOf('|');
        String permitNo = record.key().substring(0, bar);
        String pollutant = record.key().substring(bar + 1);
        String unitJson = PackedSnapshots.unpack(directory.get(permitNo));
        if (unitJson == null) {
            return;
        }
        DirectoryUnitSnapshot unit;
        OutletDay day;
        try {
            unit = json.readValue(unitJson, DirectoryUnitSnapshot.class);
            day = json.readValue(record.value(), OutletDay.class);
        } catch (RuntimeException unreadable) {
            log.warn("tonnage of {} not judged: {}", record.key(), unreadable.getMessage());
            return;
        }
        String stored = ledgers.get(record.key());
        TonnageLedger ledger = stored == null ? TonnageLedger.empty() : json.readValue(stored, TonnageLedger.class);
        int dayIndex = PermitTonnage.yearIndex(unit, day.day());
        LocalDate dayYearStart = dayIndex < 0 ? null : PermitTonnage.yearStart(unit, dayIndex);
        LocalDate keptYear = ledger.yearStart();
        ledger = ledger.add(day.day(), day.kg(), dayYearStart, parameters.rateWindowDays());

        if (ledger.open() != null && keptYear != null && !keptYear.equals(ledger.yearStart())) {
            // A new permit year: the old year's forecast is moot (its amount is final); its alert ends with the year.
            OffsetDateTime yearEnd = ledger.yearStart().atStartOfDay(zone).toOffsetDateTime();
            emit(unit, pollutant, MonitoringAlertChanged.RESOLVED, ledger.open(), null, yearEnd, null);
            ledger = ledger.withOpen(null);
        }
        ledgers.put(record.key(), json.writeValueAsString(judge(unit, pollutant, ledger)));
    }

    private TonnageLedger judge(DirectoryUnitSnapshot unit, String pollutant, TonnageLedger ledger) {
        if (ledger.yearStart() == null) {
            return ledger;
        }
        int index = PermitTonnage.yearIndex(unit, ledger.yearStart());
        Double permitted = PermitTonnage.permittedTons(unit, pollutant, index);
        if (permitted == null) {
            return ledger; // no amount for this permit year: nothing to run ahead of
        }
        TonnageForecast forecast = TonnageForecast.of(ledger, ledger.yearStart().plusYears(1), permitted, parameters);
        if (forecast == null) {
            return ledger;
        }
        OffsetDateTime asOfEnd = forecast.asOf().plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        SeriesPoint point = point(forecast.asOf(), forecast.yearToDateTons());
        Episode open = ledger.open();
        if (forecast.ahead()) {
            if (open == null) {
                OffsetDateTime start = forecast.asOf().atStartOfDay(zone).toOffsetDateTime();
                Episode opened = new Episode(
                        Episode.alertId(Rule.ANNUAL_TONNAGE_AHEAD.name(), unit.permitNo(), "", pollutant, start),
                        null,
                        start,
                        asOfEnd,
                        forecast.yearToDateTons(),
                        evidence(ledger));
                emit(unit, pollutant, MonitoringAlertChanged.OPEN, opened, forecast, asOfEnd, opened.evidence());
                return ledger.withOpen(opened);
            }
            return ledger.withOpen(open.extend(point, asOfEnd, forecast.yearToDateTons(), false));
        }
        if (open != null) {
            emit(unit, pollutant, MonitoringAlertChanged.RESOLVED, open, forecast, asOfEnd, open.with(point));
            return ledger.withOpen(null);
        }
        return ledger;
    }

    /**
     * The evidence of an opening: the permit year's cumulative amount at the end of each recent day (the curve that
     * runs towards the permitted amount), oldest first.
     */
    private List<SeriesPoint> evidence(TonnageLedger ledger) {
        List<SeriesPoint> points = new ArrayList<>();
        double cumulative = ledger.yearToDateKg();
        List<TonnageLedger.DayAmount> days = ledger.recent();
        for (int i = days.size() - 1; i >= 0; i--) {
            TonnageLedger.DayAmount d = days.get(i);
            if (d.day().isBefore(ledger.yearStart())) {
                break;
            }
            points.add(0, point(d.day(), cumulative / TonnageForecast.KG_PER_TONNE));
            cumulative -= d.kg();
        }
        return points;
    }

    private SeriesPoint point(LocalDate day, double yearToDateTons) {
        return new SeriesPoint(day.atStartOfDay(zone).toOffsetDateTime(), "DAY", yearToDateTons, null, "VALID", true);
    }

    private void emit(
            DirectoryUnitSnapshot unit,
            String pollutant,
            String status,
            Episode episode,
            TonnageForecast forecast,
            OffsetDateTime changedAt,
            List<SeriesPoint> evidence) {
        Map<String, Object> ruleParameters = forecast == null ? parameters.asMap() : forecast.asParameters(parameters);
        MonitoringAlertChanged event = new MonitoringAlertChanged(
                episode.alertId(),
                Rule.ANNUAL_TONNAGE_AHEAD.name(),
                status,
                null,
                unit.permitNo(),
                unit.unitName(),
                unit.provinceCode(),
                unit.cityCode(),
                unit.countyCode(),
                unit.keyIndustry(),
                null,
                pollutant,
                episode.periodStart(),
                MonitoringAlertChanged.RESOLVED.equals(status) ? changedAt : episode.periodEnd(),
                forecast == null ? episode.worstValue() : forecast.yearToDateTons(),
                forecast == null ? null : forecast.permittedTons(),
                UNIT,
                null,
                parameters.version(),
                ruleParameters,
                evidence == null ? episode.evidence() : evidence,
                changedAt);
        context.forward(AlertRecords.record(event, json));
    }
}
