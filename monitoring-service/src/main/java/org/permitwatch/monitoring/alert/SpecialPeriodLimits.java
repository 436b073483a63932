package org.permitwatch.monitoring.alert;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.PollutantLimit;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.SpecialLimit;
import org.permitwatch.events.directory.DirectoryUnitSnapshot.SpecialPeriod;
import org.permitwatch.events.monitoring.HeavyPollutionWarningChanged;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which limit judges a period (the one place this is decided, ADR 0039): the permit's 重污染天气应对 limit for the outlet
 * and pollutant while the unit's city has a heavy-pollution weather warning in force for the WHOLE period, else the
 * normal limit. "In force" is judged on the data's period (hour or day), never the wall clock, so a replay agrees; a
 * period the warning covers only in part keeps the normal limit (the reduced limit binds from the first full hour).
 * The warnings are the global store fed by {@code monitoring.warning.events.v1}, keyed {@code <city>|<id>}.
 */
final class SpecialPeriodLimits {

    static final String WARNINGS = "monitoring-alert-warnings";

    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, String> warnings;
    private final JsonMapper json;

    SpecialPeriodLimits(KeyValueStore<String, String> warnings, JsonMapper json) {
        this.warnings = warnings;
        this.json = json;
    }

    /** The limit a period was judged against and why. {@code basis} is added to the alert's parameters. */
    record Applied(Double value, Map<String, Object> basis) {

        Map<String, Object> addTo(Map<String, Object> ruleParameters) {
            if (basis.isEmpty()) {
                return ruleParameters;
            }
            Map<String, Object> all = new LinkedHashMap<>(ruleParameters);
            all.putAll(basis);
            return all;
        }
    }

    Applied hourly(UnitContext ctx, PollutantLimit limit, OffsetDateTime from, OffsetDateTime to) {
        return choose(ctx, limit, limit.hourlyLimit(), SpecialLimit::hourlyLimit, from, to);
    }

    Applied daily(UnitContext ctx, PollutantLimit limit, OffsetDateTime from, OffsetDateTime to) {
        return choose(ctx, limit, limit.dailyLimit(), SpecialLimit::dailyLimit, from, to);
    }

    private Applied choose(
            UnitContext ctx,
            PollutantLimit limit,
            Double normal,
            Function<SpecialLimit, Double> value,
            OffsetDateTime from,
            OffsetDateTime to) {
        Optional<SpecialLimit> special = specialLimit(ctx, limit.pollutantCode(), value);
        if (normal == null || special.isEmpty()) {
            // Judged only where the permit sets a normal limit (a pollutant without one is not judged at all).
            return new Applied(normal, Map.of());
        }
        Optional<HeavyPollutionWarningChanged> warning =
                warningCovering(ctx.unit().cityCode(), from, to);
        if (warning.isEmpty()) {
            return new Applied(normal, Map.of());
        }
        Map<String, Object> basis = new LinkedHashMap<>();
        basis.put("limitBasis", "SPECIAL_PERIOD");
        basis.put("specialPeriod", SpecialPeriod.HEAVY_POLLUTION_WEATHER);
        basis.put("normalLimit", normal);
        basis.put("warningId", warning.get().warningId().toString());
        basis.put("warningLevel", warning.get().level());
        return new Applied(value.apply(special.get()), basis);
    }

    /** The permit's reduced limit for this outlet and pollutant; a row without an outlet code applies to every outlet. */
    private static Optional<SpecialLimit> specialLimit(
            UnitContext ctx, String pollutantCode, Function<SpecialLimit, Double> value) {
        if (ctx.unit().specialPeriods() == null) {
            return Optional.empty(); // a snapshot from before permit-sync carried them
        }
        String outletCode = ctx.outlet().outletCode();
        return ctx.unit().specialPeriods().stream()
                .filter(p -> SpecialPeriod.HEAVY_POLLUTION_WEATHER.equals(p.name()))
                .flatMap(p -> p.limits().stream())
                .filter(l -> pollutantCode.equals(l.pollutantCode()))
                .filter(l -> l.outletCode() == null || l.outletCode().equals(outletCode))
                .filter(l -> value.apply(l) != null)
                // An outlet's own row before a permit-wide one.
                .min(Comparator.comparing(l -> l.outletCode() == null));
    }

    /**
     * The warning of the city in force for the whole of [from, to); warnings of a city never overlap (the API refuses
     * it), but should two, the higher level wins.
     */
    Optional<HeavyPollutionWarningChanged> warningCovering(String cityCode, OffsetDateTime from, OffsetDateTime to) {
        if (cityCode == null) {
            return Optional.empty();
        }
        HeavyPollutionWarningChanged found = null;
        try (KeyValueIterator<String, String> it = warnings.prefixScan(cityCode + "|", KEYS)) {
            while (it.hasNext()) {
                String value = it.next().value;
                if (value == null) {
                    continue;
                }
                HeavyPollutionWarningChanged w = json.readValue(value, HeavyPollutionWarningChanged.class);
                if (w.covers(from, to) && (found == null || rank(w.level()) > rank(found.level()))) {
                    found = w;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    private static int rank(String level) {
        return switch (level == null ? "" : level) {
            case "RED" -> 4;
            case "ORANGE" -> 3;
            case "YELLOW" -> 2;
            case "BLUE" -> 1;
            default -> 0;
        };
    }
}
