package org.permitwatch.monitoring.alert;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.PollutantLimit;
import org.permitwatch.events.monitoring.MonitoringAlertChanged;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.Rule;
import org.permitwatch.events.monitoring.MonitoringAlertChanged.SeriesPoint;
import org.permitwatch.monitoring.hj212.DataCommand;
import org.permitwatch.monitoring.hj212.DataFlag;
import org.permitwatch.monitoring.hj212.DataMessage;
import org.permitwatch.monitoring.hj212.Hj212Segment;
import org.permitwatch.monitoring.receiver.RawTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one MN's minute data (CN 2051) into valid hourly and daily means and judges them against the permit's limits
 * (the one place the rules are applied). Runs once per raw-topic partition: the topic is keyed by MN, so every series
 * lives in exactly one task and its state stores. An hour is judged when its last minute (hh:59) arrives or when a minute
 * of a later hour does; a day when its hour 23 is judged or an hour of a later day arrives. Everything derives from the
 * data's own times (DataTime), never the wall clock, so a replay judges the same and names the same alerts.
 *
 * <p>2061 hourly and 2031 daily values the data-acquisition unit computes itself are not judged: their validity (how
 * many valid minutes) cannot be checked, and the same hour would be judged twice. They stay stored for display.
 */
final class AlertProcessor implements Processor<String, String, String, String> {

    static final String HOURS = "monitoring-alert-hours";
    static final String DAYS = "monitoring-alert-days";
    static final String EPISODES = "monitoring-alert-episodes";
    static final String DIRECTORY = "monitoring-alert-directory";
    static final String SOURCE = "/monitoring-service/alerts";

    private static final Logger log = LoggerFactory.getLogger(AlertProcessor.class);

    private final RuleParameters parameters;
    private final ZoneId zone;
    private final JsonMapper json;

    private ProcessorContext<String, String> context;
    private KeyValueStore<String, String> hours;
    private KeyValueStore<String, String> days;
    private KeyValueStore<String, String> episodes;
    private KeyValueStore<String, String> directory;
    /** DATA_MISSING, FLAG_MISUSE, UNKNOWN_OUTLET (ADR 0038): their own classes, state in the episode store. */
    private PointRules pointRules;

    private SpecialPeriodLimits limits;

    AlertProcessor(RuleParameters parameters, ZoneId zone, JsonMapper json) {
        this.parameters = parameters;
        this.zone = zone;
        this.json = json;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.hours = context.getStateStore(HOURS);
        this.days = context.getStateStore(DAYS);
        this.episodes = context.getStateStore(EPISODES);
        this.directory = context.getStateStore(DIRECTORY);
        this.pointRules =
                new PointRules(new PointRuleContext(parameters, zone, json, episodes, directory, context::forward));
        // Stream time, not wall clock: a silent point is judged against the partition's other points (ADR 0038).
        context.schedule(Duration.ofMinutes(1), PunctuationType.STREAM_TIME, pointRules::punctuate);
        this.limits = new SpecialPeriodLimits(context.getStateStore(SpecialPeriodLimits.WARNINGS), json);
    }

    @Override
    public void process(Record<String, String> record) {
        if (RawTopic.isTick(record.headers())) {
            // A stream-time tick (ADR 0049): it has moved the partition's stream time, which is all it is for; the
            // DATA_MISSING punctuator sees it. No rule reads it as data.
            return;
        }
        String permitNo = header(record.headers(), RawTopic.PERMIT_NO);
        String outletCode = header(record.headers(), RawTopic.OUTLET_CODE);
        if (record.key() == null || record.value() == null || permitNo == null || outletCode == null) {
            pointRules.unbound(record.key(), record.value(), record.timestamp()); // still shows the point sends
            return; // a message from before points carried their binding: nothing to judge it against
        }
        DataMessage message;
        try {
            message = DataMessage.from(Hj212Segment.parse(record.value()));
        } catch (RuntimeException unreadable) {
            // The receiver refused what it could not read; should one slip through, it cannot be judged.
            log.warn("unreadable raw message of MN {} skipped: {}", record.key(), unreadable.getMessage());
            return;
        }
        if (message.command() != DataCommand.MINUTE) {
            return;
        }
        String unitJson = PackedSnapshots.unpack(directory.get(permitNo));
        if (unitJson == null) {
            return;
        }
        DirectoryUnitSnapshot unit;
        try {
            unit = json.readValue(unitJson, DirectoryUnitSnapshot.class);
        } catch (RuntimeException unreadable) {
            // A snapshot the projection would dead-letter: no limits to judge against (an exception here would stop
            // the stream thread for every MN of the partition).
            log.warn("unreadable directory snapshot of {}: {}", permitNo, unreadable.getMessage());
            return;
        }
        Optional<UnitContext> bound = UnitContext.of(unit, outletCode);
        pointRules.minute(message, permitNo, outletCode, record.timestamp(), unit, bound.isPresent());
        boolean measuredWet = "true".equals(header(record.headers(), RawTopic.MEASURED_WET));
        bound.ifPresent(ctx -> minute(message, ctx, measuredWet));
    }

    private void minute(DataMessage message, UnitContext ctx, boolean measuredWet) {
        LocalDateTime minute = message.dataTime().truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime hour = minute.truncatedTo(ChronoUnit.HOURS);
        Double oxygen = message.values().stream()
                .filter(v -> RuleParameters.OXYGEN.equals(v.pollutant()) && v.valid())
                .map(v -> v.representative().doubleValue())
                .findFirst()
                .orElse(null);
        Double moisture = measuredWet ? validValue(message, DryBasis.MOISTURE) : null;
        Double flow = minuteFlow(message);
        for (DataMessage.Value value : message.values()) {
            PollutantLimit limit = ctx.limit(value.pollutant()).orElse(null);
            if (limit == null) {
                continue; // judged only against a limit the permit sets for this outlet
            }
            String key = message.mn() + "|" + value.pollutant();
            HourAccumulator acc = read(hours, key, HourAccumulator.class, HourAccumulator.empty());
            if (acc.isLate(hour)) {
                continue; // that hour is judged already; judging it again could open or resolve twice
            }
            if (acc.isOpenBefore(hour)) {
                closeHour(message.mn(), value.pollutant(), acc, ctx, limit);
                acc = acc.closed();
            }
            Double reference =
                    parameters.referenceOxygen(limit.standard(), ctx.outlet().outletName());
            double measured = value.representative().doubleValue();
            Double corrected =
                    reference == null ? null : correctDry(measured, oxygen, reference, measuredWet, moisture);
            // Only flag N counts (HJ 212-2017 表 6: F M S D C T B mark stopped, maintained, set by hand, failed,
            // calibrated, over range, lost values); a value needing correction without a usable oxygen value cannot be
            // compared with the limit, so it does not count either.
            boolean valid = DataFlag.N.name().equals(value.flag()) && (reference == null || corrected != null);
            // Wastewater: the minute's volume weighs its hour in the day's flow-weighted mean (HJ 356-2019).
            acc = acc.add(
                    hour,
                    valid,
                    measured,
                    corrected,
                    RuleParameters.water(value.pollutant()) ? flow : null,
                    measuredWet && reference != null);
            if (minute.getMinute() == 59) {
                closeHour(message.mn(), value.pollutant(), acc, ctx, limit);
                acc = acc.closed();
            }
            hours.put(key, json.writeValueAsString(acc));
        }
    }

    /**
     * The wastewater volume the minute discharged (m3), from its valid flow (HJ 212-2017 w00000: {@code -Cou} in m3,
     * else {@code -Avg} in L/s × 60 s); null when the minute carries no valid flow.
     */
    static Double minuteFlow(DataMessage message) {
        for (DataMessage.Value v : message.values()) {
            if (RuleParameters.WATER_FLOW.equals(v.pollutant()) && v.valid()) {
                if (v.cou() != null) {
                    return v.cou().doubleValue();
                }
                return v.representative() == null ? null : v.representative().doubleValue() * 60 / 1000;
            }
        }
        return null;
    }

    private static Double validValue(DataMessage message, String code) {
        return message.values().stream()
                .filter(v -> code.equals(v.pollutant()) && v.valid())
                .map(v -> v.representative().doubleValue())
                .findFirst()
                .orElse(null);
    }

    /**
     * The value as the standard states its limits: dry flue gas (a wet-measured value and its oxygen made dry first,
     * {@link DryBasis}), then at the reference oxygen content. Null when either step lacks its input.
     */
    static Double correctDry(double measured, Double oxygen, double reference, boolean measuredWet, Double moisture) {
        if (!measuredWet) {
            return correct(measured, oxygen, reference);
        }
        Double dry = DryBasis.toDry(measured, moisture);
        Double dryOxygen = oxygen == null ? null : DryBasis.toDry(oxygen, moisture);
        return dry == null || dryOxygen == null ? null : correct(dry, dryOxygen, reference);
    }

    /**
     * The value at the reference oxygen content: C × (21 − O2ref) / (21 − O2measured). Null without a valid oxygen
     * value, or with one at or above 21 % (air, no combustion: the formula has no meaning there).
     */
    static Double correct(double measured, Double oxygen, double reference) {
        if (oxygen == null || oxygen >= 21.0) {
            return null;
        }
        return measured * (21.0 - reference) / (21.0 - oxygen);
    }

    private void closeHour(String mn, String pollutant, HourAccumulator acc, UnitContext ctx, PollutantLimit limit) {
        HourMean mean = HourMean.of(
                acc.valid(),
                parameters.minValidPerHour(pollutant),
                acc.sum(),
                acc.correctedSum(),
                acc.corrected(),
                acc.flow());
        OffsetDateTime start = acc.hour().atZone(zone).toOffsetDateTime();
        OffsetDateTime end = start.plusHours(1);
        Double reference =
                parameters.referenceOxygen(limit.standard(), ctx.outlet().outletName());
        SeriesPoint point =
                new SeriesPoint(start, "HOUR", mean.mean(), mean.corrected(), judgement(mean), mean.valid());
        SpecialPeriodLimits.Applied hourly = limits.hourly(ctx, limit, start, end);
        Map<String, Object> hourlyParameters = new LinkedHashMap<>(parameters.forHourly(pollutant, reference));
        if (reference != null) {
            // Limits are for dry flue gas (ADR 0039): say whether the values were dry as sent or made dry here.
            hourlyParameters.put(
                    RuleParameters.DRY_BASIS,
                    Boolean.TRUE.equals(acc.wet()) ? RuleParameters.CONVERTED_FROM_WET : RuleParameters.AS_MEASURED);
        }
        judge(
                Rule.HOURLY_EXCEEDANCE,
                mn,
                pollutant,
                ctx,
                limit,
                hourly.value(),
                mean,
                point,
                end,
                hourly.addTo(hourlyParameters));
        if (mean.valid()) {
            zeroOrNegative(mn, pollutant, ctx, limit, acc, point, end);
            constantValue(mn, pollutant, ctx, limit, acc, point, end);
        }

        String key = mn + "|" + pollutant;
        LocalDate day = acc.hour().toLocalDate();
        DayAccumulator dayAcc = read(days, key, DayAccumulator.class, DayAccumulator.empty());
        if (dayAcc.isLate(day)) {
            return;
        }
        if (dayAcc.isOpenBefore(day)) {
            closeDay(mn, pollutant, dayAcc, ctx, limit);
            dayAcc = dayAcc.closed();
        }
        dayAcc = dayAcc.add(day, mean);
        if (acc.hour().getHour() == 23) {
            closeDay(mn, pollutant, dayAcc, ctx, limit);
            dayAcc = dayAcc.closed();
        }
        days.put(key, json.writeValueAsString(dayAcc));
    }

    private void closeDay(String mn, String pollutant, DayAccumulator acc, UnitContext ctx, PollutantLimit limit) {
        HourMean mean = HourMean.of(
                acc.validHours(),
                parameters.minValidHoursPerDay(pollutant),
                acc.sum(),
                acc.correctedSum(),
                acc.corrected());
        Map<String, Object> ruleParameters = new LinkedHashMap<>();
        if (RuleParameters.water(pollutant)) {
            // HJ 356-2019: a wastewater day is the flow-weighted mean of its valid hours; arithmetic only where it
            // cannot be weighted (an hour without flow, nothing discharged), and the alert says which.
            Double weighted = acc.flowWeighted();
            if (weighted != null) {
                mean = new HourMean(mean.valid(), weighted, null, mean.validCount(), acc.flowSum());
            }
            ruleParameters.put(
                    RuleParameters.DAILY_MEAN,
                    weighted != null ? RuleParameters.FLOW_WEIGHTED : RuleParameters.ARITHMETIC);
        }
        OffsetDateTime start = acc.day().atStartOfDay(zone).toOffsetDateTime();
        Double reference =
                parameters.referenceOxygen(limit.standard(), ctx.outlet().outletName());
        ruleParameters.putAll(parameters.forDaily(pollutant, reference));
        SeriesPoint point = new SeriesPoint(start, "DAY", mean.mean(), mean.corrected(), judgement(mean), mean.valid());
        SpecialPeriodLimits.Applied daily = limits.daily(ctx, limit, start, start.plusDays(1));
        judge(
                Rule.DAILY_EXCEEDANCE,
                mn,
                pollutant,
                ctx,
                limit,
                daily.value(),
                mean,
                point,
                start.plusDays(1),
                daily.addTo(ruleParameters));
    }

    private static String judgement(HourMean mean) {
        return mean.valid() ? "VALID" : "INSUFFICIENT";
    }

    /**
     * Opens an episode at the first valid mean above the limit, extends it while valid means stay above, and resolves it
     * at the first valid mean at or under the limit. An invalid mean neither extends nor ends an episode: too few
     * values say nothing about compliance.
     */
    private void judge(
            Rule rule,
            String mn,
            String pollutant,
            UnitContext ctx,
            PollutantLimit limit,
            Double limitValue,
            HourMean mean,
            SeriesPoint point,
            OffsetDateTime end,
            Map<String, Object> ruleParameters) {
        if (limitValue == null) {
            return;
        }
        if (!mean.valid()) {
            String key = rule.name() + "|" + mn + "|" + pollutant;
            Episode episode = read(episodes, key, Episode.class, null);
            if (episode != null) {
                // Shown in the evidence (a gap in the series is part of the story), judged neither way.
                episodes.put(key, json.writeValueAsString(episode.note(point)));
            }
            return;
        }
        double value = mean.judged();
        if (rule == Rule.HOURLY_EXCEEDANCE) {
            ruleParameters = withExceedingHours(mn, pollutant, point, value > limitValue, ruleParameters);
        }
        Condition condition = new Condition(rule, mn, pollutant, ctx, limit, limitValue, ruleParameters, false);
        condition.judge(value > limitValue, value, point, end, null);
    }

    /** Counts the day's exceeding valid hours and adds the count to the hourly rule's parameters. */
    private Map<String, Object> withExceedingHours(
            String mn, String pollutant, SeriesPoint hour, boolean exceeded, Map<String, Object> ruleParameters) {
        String key = ExceedingHours.KEY + mn + "|" + pollutant;
        ExceedingHours before = read(episodes, key, ExceedingHours.class, new ExceedingHours(null, 0));
        ExceedingHours after = before.after(hour.time().atZoneSameInstant(zone).toLocalDate(), exceeded);
        episodes.put(key, json.writeValueAsString(after));
        Map<String, Object> with = new HashMap<>(ruleParameters);
        with.put(ExceedingHours.PARAMETER, after.hours());
        return with;
    }

    /**
     * ZERO_OR_NEGATIVE: a valid hour whose every valid value is zero or below, while the source runs (flag N: a stopped
     * source sends F and is not judged). Resolved by the first valid hour with a positive value.
     */
    private void zeroOrNegative(
            String mn,
            String pollutant,
            UnitContext ctx,
            PollutantLimit limit,
            HourAccumulator acc,
            SeriesPoint point,
            OffsetDateTime end) {
        Condition condition = new Condition(
                Rule.ZERO_OR_NEGATIVE, mn, pollutant, ctx, limit, null, parameters.forZeroOrNegative(pollutant), true);
        condition.judge(acc.max() <= 0, acc.min(), point, end, null);
    }

    /**
     * CONSTANT_VALUE (数据恒值): {@code constantMinHours} consecutive valid hours in which every valid value is one and
     * the same. The run is counted in the episode store; the alert opens with the run's first hour as its start and the
     * run's hours as evidence, and resolves at the first valid hour that differs.
     */
    private void constantValue(
            String mn,
            String pollutant,
            UnitContext ctx,
            PollutantLimit limit,
            HourAccumulator acc,
            SeriesPoint point,
            OffsetDateTime end) {
        String runKey = "RUN|" + mn + "|" + pollutant;
        ConstantRun run = read(episodes, runKey, ConstantRun.class, null);
        boolean constant = acc.min().equals(acc.max());
        if (!constant) {
            run = null;
            episodes.delete(runKey);
        } else {
            run = run != null && run.value() == acc.min() ? run.plus(point) : ConstantRun.start(acc.min(), point);
            episodes.put(runKey, json.writeValueAsString(run));
        }
        boolean offending = run != null && run.hours() >= parameters.constantMinHours();
        Condition condition = new Condition(
                Rule.CONSTANT_VALUE, mn, pollutant, ctx, limit, null, parameters.forConstant(pollutant), false);
        condition.judge(offending, acc.min(), point, end, offending ? run.points() : null);
    }

    /** One rule's condition for one series: opens, extends and resolves its episode (the one state machine). */
    private final class Condition {
        private final Rule rule;
        private final String mn;
        private final String pollutant;
        private final UnitContext ctx;
        private final PollutantLimit limit;
        private final Double limitValue;
        private final Map<String, Object> ruleParameters;
        private final boolean lowerIsWorse;

        Condition(
                Rule rule,
                String mn,
                String pollutant,
                UnitContext ctx,
                PollutantLimit limit,
                Double limitValue,
                Map<String, Object> ruleParameters,
                boolean lowerIsWorse) {
            this.rule = rule;
            this.mn = mn;
            this.pollutant = pollutant;
            this.ctx = ctx;
            this.limit = limit;
            this.limitValue = limitValue;
            this.ruleParameters = ruleParameters;
            this.lowerIsWorse = lowerIsWorse;
        }

        /**
         * @param offending whether this valid period shows the condition
         * @param since     the periods the episode began with when it is recognised only after several (else null)
         */
        void judge(boolean offending, double value, SeriesPoint point, OffsetDateTime end, List<SeriesPoint> since) {
            String key = rule.name() + "|" + mn + "|" + pollutant;
            Episode episode = read(episodes, key, Episode.class, null);
            if (offending) {
                if (episode == null) {
                    String outlet = ctx.outlet().outletCode();
                    Episode opened = since == null
                            ? Episode.open(rule.name(), mn, outlet, pollutant, point, end, value)
                            : Episode.openSince(rule.name(), mn, outlet, pollutant, since, end, value);
                    episodes.put(key, json.writeValueAsString(opened));
                    emit(MonitoringAlertChanged.OPEN, opened, opened.evidence(), opened.periodEnd(), end);
                } else {
                    episodes.put(key, json.writeValueAsString(episode.extend(point, end, value, lowerIsWorse)));
                }
            } else if (episode != null) {
                episodes.delete(key);
                // Ended when the compliant period began; its point is kept in the evidence to show the return.
                emit(MonitoringAlertChanged.RESOLVED, episode, episode.with(point), point.time(), end);
            }
        }

        private void emit(
                String status,
                Episode episode,
                List<SeriesPoint> evidence,
                OffsetDateTime periodEnd,
                OffsetDateTime changedAt) {
            AlertProcessor.this.emit(
                    rule,
                    status,
                    mn,
                    pollutant,
                    ctx,
                    limit,
                    limitValue,
                    episode,
                    evidence,
                    periodEnd,
                    changedAt,
                    ruleParameters);
        }
    }

    /**
     * Forwards the alert's new state. {@code changedAt} is the end of the period whose judgement changed it (stream
     * time): the record's timestamp too, so a replay writes identical records.
     */
    private void emit(
            Rule rule,
            String status,
            String mn,
            String pollutant,
            UnitContext ctx,
            PollutantLimit limit,
            Double limitValue,
            Episode episode,
            List<SeriesPoint> evidence,
            OffsetDateTime periodEnd,
            OffsetDateTime changedAt,
            Map<String, Object> ruleParameters) {
        DirectoryUnitSnapshot unit = ctx.unit();
        MonitoringAlertChanged event = new MonitoringAlertChanged(
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
                pollutant,
                episode.periodStart(),
                periodEnd,
                episode.worstValue(),
                limitValue,
                limit.unit(),
                limitValue == null ? null : limit.standard(),
                parameters.version(),
                ruleParameters,
                evidence,
                changedAt);
        context.forward(AlertRecords.record(event, json));
    }

    private <T> T read(KeyValueStore<String, String> store, String key, Class<T> type, T absent) {
        String value = store.get(key);
        return value == null ? absent : json.readValue(value, type);
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
