package org.permitwatch.monitoring.hj212;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data upload (2011/2051/2061/2031) read from its segment: one DataTime and one value per pollutant code with the
 * statistics it carries ({@code a21026-Rtd} real-time; {@code -Avg -Min -Max -Cou} for minute/hourly/daily) and its
 * data flag ({@code -Flag}, N when absent as the standard's examples for statistics show).
 */
public record DataMessage(String mn, DataCommand command, LocalDateTime dataTime, List<Value> values) {

    public DataMessage {
        values = List.copyOf(values);
    }

    /** Reads the values of a data upload; fails with the reason when a value does not follow the standard. */
    public static DataMessage from(Hj212Segment segment) {
        return read(segment, true);
    }

    /**
     * Fails exactly when {@link #from} would, without building the values: the receiver only decides whether to take
     * the frame (the alert stream and the storage read the values from the raw topic), and a frame's numbers and value
     * records were garbage the moment they were checked.
     */
    public static void check(Hj212Segment segment) {
        read(segment, false);
    }

    /** The one reading of a data upload; {@code keep} false validates every field but keeps no value. */
    private static DataMessage read(Hj212Segment segment, boolean keep) {
        DataCommand command = DataCommand.of(segment.cn())
                .orElseThrow(
                        () -> new Hj212Segment.MalformedSegmentException("CN " + segment.cn() + " is no data upload"));
        LocalDateTime dataTime = segment.dataTime();
        Map<String, Builder> byCode = new LinkedHashMap<>();
        for (int i = 0; i < segment.cpFieldCount(); i++) {
            String name = segment.cpName(i);
            int dash = name.indexOf('-');
            if (dash <= 0) {
                continue; // DataTime and other non-pollutant parameters
            }
            String code = name.substring(0, dash);
            // Pollutant codes: HJ 524-2009 style a21026 / w01018, or the older three-character codes (001, B02).
            if (!Hj212Segment.alphanumeric(code, 2, 12)) {
                throw new Hj212Segment.MalformedSegmentException("pollutant code '" + code + "' is not valid");
            }
            Builder value = byCode.get(code);
            if (value == null) {
                value = new Builder(code, keep);
                byCode.put(code, value);
            }
            value.set(name, dash + 1, segment.cpValue(i));
        }
        if (byCode.isEmpty()) {
            throw new Hj212Segment.MalformedSegmentException("CP carries no pollutant value");
        }
        for (Builder b : byCode.values()) {
            b.requireStatistic(command);
        }
        if (!keep) {
            return null;
        }
        List<Value> values = new ArrayList<>(byCode.size());
        for (Builder b : byCode.values()) {
            values.add(b.build());
        }
        return new DataMessage(segment.mn(), command, dataTime, values);
    }

    /**
     * @param rtd real-time value (2011), else null
     * @param avg mean of the interval (2051/2061/2031), else null
     * @param cou cumulative amount of the interval (emission amount), null when not sent
     */
    public record Value(
            String pollutant,
            BigDecimal rtd,
            BigDecimal avg,
            BigDecimal min,
            BigDecimal max,
            BigDecimal cou,
            String flag) {

        /** The value that stands for the interval: Avg for statistics, Rtd for real-time data. */
        public BigDecimal representative() {
            return avg != null ? avg : rtd;
        }

        public boolean valid() {
            return DataFlag.N.name().equals(flag);
        }
    }

    private static final class Builder {
        /** More significant digits than any HJ 212 numeric field carries (N14.x plus generous fraction digits). */
        private static final int MAX_DIGITS = 20;

        private final String code;
        /** False: every number is checked but not kept (a placeholder marks that it was sent). */
        private final boolean keep;

        private BigDecimal rtd;
        private BigDecimal avg;
        private BigDecimal min;
        private BigDecimal max;
        private BigDecimal cou;
        private String flag;

        Builder(String code, boolean keep) {
            this.code = code;
            this.keep = keep;
        }

        /**
         * The field {@code name} (e.g. {@code a21026-Avg}) whose suffix starts at {@code from}. The suffix is compared
         * in place, not cut out: a substring per field was a few percent of what a frame allocated.
         */
        void set(String name, int from, String raw) {
            if (is(name, from, "Rtd")) {
                rtd = number("Rtd", raw);
            } else if (is(name, from, "Avg")) {
                avg = number("Avg", raw);
            } else if (is(name, from, "Min")) {
                min = number("Min", raw);
            } else if (is(name, from, "Max")) {
                max = number("Max", raw);
            } else if (is(name, from, "Cou")) {
                cou = number("Cou", raw);
            } else if (is(name, from, "Flag")) {
                if (!DataFlag.isKnown(raw)) {
                    throw new Hj212Segment.MalformedSegmentException(
                            code + "-Flag '" + raw + "' is none of N F M S D C T B");
                }
                flag = raw;
            }
            // else ZsRtd/ZsAvg (converted), SampleTime, EFlag …: kept in the raw message only.
        }

        /** Whether {@code name} from {@code from} to its end is exactly {@code suffix}. */
        private static boolean is(String name, int from, String suffix) {
            return name.length() - from == suffix.length() && name.startsWith(suffix, from);
        }

        private BigDecimal number(String suffix, String raw) {
            if (!isPlainDecimal(raw)) {
                throw new Hj212Segment.MalformedSegmentException(
                        code + "-" + suffix + " '" + raw + "' is not a number");
            }
            return keep ? new BigDecimal(raw) : BigDecimal.ZERO;
        }

        /**
         * HJ 212's values are plain decimals (the standard's numeric type "N14.2" and the like: an optional minus sign,
         * digits, an optional fraction). {@link BigDecimal#BigDecimal(String)} alone would also take exponents
         * ({@code 1E+200000}, a number no instrument sends whose arithmetic later costs memory and time), a leading
         * {@code +} and more digits than any field holds; they are refused as malformed instead.
         */
        static boolean isPlainDecimal(String raw) {
            int length = raw.length();
            int i = length > 0 && raw.charAt(0) == '-' ? 1 : 0;
            int digits = 0;
            boolean point = false;
            for (; i < length; i++) {
                char c = raw.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits++;
                } else if (c == '.' && !point) {
                    point = true;
                } else {
                    return false;
                }
            }
            return digits > 0 && digits <= MAX_DIGITS;
        }

        void requireStatistic(DataCommand command) {
            if (command == DataCommand.REALTIME ? rtd == null : avg == null) {
                throw new Hj212Segment.MalformedSegmentException(
                        code + " lacks " + (command == DataCommand.REALTIME ? "Rtd" : "Avg"));
            }
        }

        Value build() {
            return new Value(code, rtd, avg, min, max, cou, flag == null ? DataFlag.N.name() : flag);
        }
    }
}
