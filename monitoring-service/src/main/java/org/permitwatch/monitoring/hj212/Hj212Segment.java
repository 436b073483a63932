package org.permitwatch.monitoring.hj212;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;

/**
 * A parsed data segment (数据段): {@code QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;[PNUM=…;PNO=…;]CP=&&…&&}. The header fields
 * are kept by name; the command parameters (CP) — groups separated by ';' of fields separated by ',', each {@code
 * name=value} — are kept as one list of fields in the order they were sent.
 *
 * <p>Both are flat arrays of names and values, not maps: a segment is parsed for every frame twice (the receiver, then
 * the alert stream from the raw topic), and a map per CP group plus the header's map and their copies were a tenth of
 * everything a frame allocated (docs/benchmarks.md, session 15). Nothing reads a field by its group: a pollutant's
 * fields are named by its code. A header field sent twice counts with its last value (as a map kept it); a CP field
 * sent twice is read in order, so each copy must be valid and the last one counts for a value, the first for {@link
 * #cpField}.
 */
public final class Hj212Segment {

    /** {@code DataTime} and {@code QN} are local (Beijing) time; QN has milliseconds. */
    public static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private static final String CP_START = "CP=&&";
    private static final String CP_END = "&&";

    /** Flag bit A (bit 0): the sender wants an answer. */
    public static final int FLAG_ANSWER = 0x1;
    /** Flag bit D (bit 1): the command is split into packets (PNUM/PNO present). */
    public static final int FLAG_PACKETS = 0x2;

    /** Name, value, name, value … of the header fields as sent; {@code headerLength} of them used. */
    private final String[] header;

    private final int headerLength;
    /** Name, value, name, value … of the CP fields in the order sent; {@code cpLength} of them used. */
    private final String[] cp;

    private final int cpLength;

    private Hj212Segment(String[] header, int headerLength, String[] cp, int cpLength) {
        this.header = header;
        this.headerLength = headerLength;
        this.cp = cp;
        this.cpLength = cpLength;
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
        Fields header = new Fields(16);
        for (int from = 0; from < cpAt; ) {
            int end = segment.indexOf(';', from);
            if (end < 0 || end > cpAt) {
                end = cpAt;
            }
            if (end > from) {
                header.add(segment, from, end, "header");
            }
            from = end + 1;
        }
        int bodyFrom = cpAt + CP_START.length();
        int bodyTo = segment.length() - CP_END.length();
        Fields cp = new Fields(64);
        for (int from = bodyFrom; from < bodyTo; ) {
            int groupEnd = segment.indexOf(';', from);
            if (groupEnd < 0 || groupEnd > bodyTo) {
                groupEnd = bodyTo;
            }
            for (int f = from; f < groupEnd; ) {
                int end = segment.indexOf(',', f);
                if (end < 0 || end > groupEnd) {
                    end = groupEnd;
                }
                if (end > f) {
                    cp.add(segment, f, end, "CP");
                }
                f = end + 1;
            }
            from = groupEnd + 1;
        }
        Hj212Segment parsed = new Hj212Segment(header.items, header.length, cp.items, cp.length);
        parsed.requireHeader();
        return parsed;
    }

    /** A growing array of name, value, name, value …: one array per segment part instead of a map and its nodes. */
    private static final class Fields {
        private String[] items;
        private int length;

        Fields(int capacity) {
            items = new String[capacity];
        }

        /** The field {@code name=value} between {@code from} and {@code end} of {@code segment}. */
        void add(String segment, int from, int end, String part) {
            int eq = segment.indexOf('=', from);
            if (eq <= from || eq >= end) {
                throw new MalformedSegmentException(
                        part + " field '" + segment.substring(from, end) + "' has no name=value");
            }
            if (length + 2 > items.length) {
                items = Arrays.copyOf(items, items.length * 2);
            }
            items[length++] = segment.substring(from, eq);
            items[length++] = segment.substring(eq + 1, end);
        }
    }

    /** The header field's value as last sent, or null. */
    private String headerField(String name) {
        for (int i = headerLength - 2; i >= 0; i -= 2) {
            if (header[i].equals(name)) {
                return header[i + 1];
            }
        }
        return null;
    }

    /** How many CP fields the segment carries. */
    public int cpFieldCount() {
        return cpLength / 2;
    }

    /** The name of CP field {@code i} (0-based, in the order sent), e.g. {@code a21026-Avg}. */
    public String cpName(int i) {
        return cp[2 * i];
    }

    /** The value of CP field {@code i}. */
    public String cpValue(int i) {
        return cp[2 * i + 1];
    }

    private static final String[] REQUIRED_HEADER = {"ST", "CN", "MN", "Flag"};

    private void requireHeader() {
        for (String name : REQUIRED_HEADER) {
            if (headerField(name) == null) {
                throw new MalformedSegmentException("header lacks " + name);
            }
        }
        if (!digits(cn())) {
            throw new MalformedSegmentException("CN '" + cn() + "' is not a number");
        }
        if (!digits(headerField("Flag"))) {
            throw new MalformedSegmentException("Flag '" + headerField("Flag") + "' is not a number");
        }
        if (!alphanumeric(mn(), 1, 24)) {
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
        return Optional.ofNullable(headerField("QN"));
    }

    public String st() {
        return headerField("ST");
    }

    public String cn() {
        return headerField("CN");
    }

    public String pw() {
        String pw = headerField("PW");
        return pw == null ? "" : pw;
    }

    public String mn() {
        return headerField("MN");
    }

    public int flag() {
        return Integer.parseInt(headerField("Flag"));
    }

    public boolean wantsAnswer() {
        return (flag() & FLAG_ANSWER) != 0;
    }

    /** The first CP field of that name, e.g. {@code DataTime}. */
    public Optional<String> cpField(String name) {
        for (int i = 0; i < cpLength; i += 2) {
            if (cp[i].equals(name)) {
                return Optional.of(cp[i + 1]);
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
