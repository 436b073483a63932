package org.permitwatch.monitoring.hj212;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed data segment (数据段): {@code QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;[PNUM=…;PNO=…;]CP=&&…&&}. The header fields
 * are kept by name; the command parameters (CP) are split into their groups (separated by ';') of fields (separated by
 * ','), each {@code name=value}.
 *
 * @param header QN, ST, CN, PW, MN, Flag, PNUM, PNO as sent (absent ones missing)
 * @param cp     the command-parameter fields in order of appearance (a field name appears once per group)
 */
public record Hj212Segment(Map<String, String> header, List<Map<String, String>> cp) {

    /** {@code DataTime} and {@code QN} are local (Beijing) time; QN has milliseconds. */
    public static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private static final String CP_START = "CP=&&";
    private static final String CP_END = "&&";

    /** Flag bit A (bit 0): the sender wants an answer. */
    public static final int FLAG_ANSWER = 0x1;
    /** Flag bit D (bit 1): the command is split into packets (PNUM/PNO present). */
    public static final int FLAG_PACKETS = 0x2;

    public Hj212Segment {
        header = Map.copyOf(header);
        cp = List.copyOf(cp);
    }

    /** Parses a data segment; a segment that does not follow the standard fails with the reason. */
    public static Hj212Segment parse(String segment) {
        int cpAt = segment.indexOf(CP_START);
        if (cpAt < 0) {
            throw new MalformedSegmentException("no CP=&&");
        }
        if (!segment.endsWith(CP_END) || segment.length() < cpAt + CP_START.length() + CP_END.length()) {
            throw new MalformedSegmentException("CP does not end with &&");
        }
        // Scanned in place (indexOf between separators) rather than substring + split per level: the same fields,
        // a third of the garbage per frame (docs/benchmarks.md, codec benchmark).
        Map<String, String> header = new LinkedHashMap<>();
        for (int from = 0; from < cpAt; ) {
            int end = segment.indexOf(';', from);
            if (end < 0 || end > cpAt) {
                end = cpAt;
            }
            if (end > from) {
                int eq = segment.indexOf('=', from);
                if (eq <= from || eq >= end) {
                    throw new MalformedSegmentException(
                            "header field '" + segment.substring(from, end) + "' has no name=value");
                }
                header.put(segment.substring(from, eq), segment.substring(eq + 1, end));
            }
            from = end + 1;
        }
        int bodyFrom = cpAt + CP_START.length();
        int bodyTo = segment.length() - CP_END.length();
        List<Map<String, String>> groups = new ArrayList<>();
        for (int from = bodyFrom; from < bodyTo; ) {
            int groupEnd = segment.indexOf(';', from);
            if (groupEnd < 0 || groupEnd > bodyTo) {
                groupEnd = bodyTo;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int f = from; f < groupEnd; ) {
                int end = segment.indexOf(',', f);
                if (end < 0 || end > groupEnd) {
                    end = groupEnd;
                }
                if (end > f) {
                    int eq = segment.indexOf('=', f);
                    if (eq <= f || eq >= end) {
                        throw new MalformedSegmentException(
                                "CP field '" + segment.substring(f, end) + "' has no name=value");
                    }
                    fields.put(segment.substring(f, eq), segment.substring(eq + 1, end));
                }
                f = end + 1;
            }
            if (!fields.isEmpty()) {
                groups.add(fields);
            }
            from = groupEnd + 1;
        }
        Hj212Segment parsed = new Hj212Segment(header, groups);
        parsed.requireHeader();
        return parsed;
    }

    private void requireHeader() {
        for (String name : List.of("ST", "CN", "MN", "Flag")) {
            if (!header.containsKey(name)) {
                throw new MalformedSegmentException("header lacks " + name);
            }
        }
        if (!digits(header.get("CN"))) {
            throw new MalformedSegmentException("CN '" + header.get("CN") + "' is not a number");
        }
        if (!digits(header.get("Flag"))) {
            throw new MalformedSegmentException("Flag '" + header.get("Flag") + "' is not a number");
        }
        if (!alphanumeric(header.get("MN"), 1, 24)) {
            throw new MalformedSegmentException("MN must be 1 to 24 letters or digits");
        }
    }

    /**
     * One or more ASCII digits (what {@code \\d+} matched). By hand rather than by regex: a Matcher per field was a
     * fifth of the bytes a frame allocated (docs/benchmarks.md, codec benchmark).
     */
    static boolean digits(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code min} to {@code max} ASCII letters or digits (what {@code [0-9A-Za-z]{min,max}} matched). */
    static boolean alphanumeric(String value, int min, int max) {
        if (value.length() < min || value.length() > max) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    public Optional<String> qn() {
        return Optional.ofNullable(header.get("QN"));
    }

    public String st() {
        return header.get("ST");
    }

    public String cn() {
        return header.get("CN");
    }

    public String pw() {
        return header.getOrDefault("PW", "");
    }

    public String mn() {
        return header.get("MN");
    }

    public int flag() {
        return Integer.parseInt(header.get("Flag"));
    }

    public boolean wantsAnswer() {
        return (flag() & FLAG_ANSWER) != 0;
    }

    /**
     * The first CP field of that name in any group, e.g. {@code DataTime}.
     */
    public Optional<String> cpField(String name) {
        for (Map<String, String> group : cp) {
            String value = group.get(name);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code DataTime} as local time; data uploads must carry it. Read digit by digit rather than through {@link
     * #DATA_TIME}: a formatter's parse allocates a resolver's maps per call, a twentieth of what a frame allocated, twice
     * per frame (receiver and alert stream). It is also stricter than the formatter's SMART resolving, which moved a
     * 30 February to the 28th and read 24:00:00 as the next day's midnight: an instrument's clock that says either is
     * wrong, and its value would land in a day or hour it was not measured in, so such a frame is malformed.
     */
    public LocalDateTime dataTime() {
        String value = cpField("DataTime").orElseThrow(() -> new MalformedSegmentException("CP lacks DataTime"));
        if (value.length() != 14 || !digits(value)) {
            throw new MalformedSegmentException("DataTime '" + value + "' is not yyyyMMddHHmmss");
        }
        try {
            return LocalDateTime.of(
                    number(value, 0, 4),
                    number(value, 4, 6),
                    number(value, 6, 8),
                    number(value, 8, 10),
                    number(value, 10, 12),
                    number(value, 12, 14));
        } catch (DateTimeException e) {
            throw new MalformedSegmentException("DataTime '" + value + "' is no time of the calendar");
        }
    }

    /** The decimal number written by the digits from {@code from} (inclusive) to {@code to} (exclusive). */
    private static int number(String digits, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (digits.charAt(i) - '0');
        }
        return n;
    }

    /** A data segment that does not follow HJ 212-2017. */
    public static final class MalformedSegmentException extends IllegalArgumentException {
        public MalformedSegmentException(String reason) {
            super(reason);
        }
    }
}
