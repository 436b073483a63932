package org.permitwatch.monitoring.hj212;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * One HJ 212-2017 frame (通讯包): {@code ##} + 4-digit data-segment length + data segment + 4-hex CRC16 + CRLF. The
 * decoder hands over the line without its CRLF; {@link #unwrap} checks the envelope and returns the data segment.
 */
public final class Hj212Frame {

    /**
     * Frames are ASCII; read byte-for-byte as ISO-8859-1 so that the declared length counts bytes and a stray non-ASCII
     * byte is a mismatch, never a decoding error.
     */
    public static final Charset CHARSET = StandardCharsets.ISO_8859_1;
    /** The standard bounds the data segment at 1024 characters (0 ≤ n ≤ 1024). */
    public static final int MAX_SEGMENT = 1024;
    /** "##" + length + segment + CRC + CRLF. */
    public static final int MAX_FRAME = 2 + 4 + MAX_SEGMENT + 4 + 2;

    private Hj212Frame() {}

    /** The data segment of a well-formed frame, or the reason it is refused. */
    public static Unwrapped unwrap(String line) {
        if (line.length() < 10 || !line.startsWith("##")) {
            return Unwrapped.refused(Rejection.MALFORMED, "no ## header", line);
        }
        int declared = 0;
        for (int i = 2; i < 6; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return Unwrapped.refused(
                        Rejection.MALFORMED, "length '" + line.substring(2, 6) + "' is not 4 digits", line);
            }
            declared = declared * 10 + (c - '0');
        }
        int actual = line.length() - 6 - 4;
        if (declared != actual) {
            return Unwrapped.refused(
                    Rejection.MALFORMED, "declared length " + declared + " but segment has " + actual, line);
        }
        if (declared > MAX_SEGMENT) {
            return Unwrapped.refused(Rejection.MALFORMED, "segment longer than " + MAX_SEGMENT, line);
        }
        String segment = line.substring(6, 6 + declared);
        // The CRC over the line's own bytes and compared in place: no copy of the segment, no formatted string for a
        // frame that checks (the common case).
        int crc = Hj212Crc.of(line.getBytes(CHARSET), 6, 6 + declared);
        if (!Hj212Crc.matches(line, 6 + declared, crc)) {
            return new Unwrapped(
                    segment,
                    Rejection.BAD_CRC,
                    "CRC " + line.substring(6 + declared) + " but segment gives " + Hj212Crc.hex4(crc));
        }
        return new Unwrapped(segment, null, null);
    }

    /** Wraps a data segment into a frame with its length, CRC and CRLF (answers, the simulator). */
    public static String wrap(String segment) {
        int length = segment.getBytes(CHARSET).length;
        if (length > MAX_SEGMENT) {
            throw new IllegalArgumentException("data segment longer than " + MAX_SEGMENT + ": " + length);
        }
        // Four decimal digits without a Formatter (a frame per answer; see Hj212Crc.hex4).
        String digits = String.valueOf(10000 + length).substring(1);
        return "##" + digits + segment + Hj212Crc.hex(segment) + "\r\n";
    }

    /**
     * @param segment   the data segment (present also when the CRC failed, so the answer can echo QN/MN)
     * @param rejection null when the envelope is sound
     */
    public record Unwrapped(String segment, Rejection rejection, String reason) {
        static Unwrapped refused(Rejection rejection, String reason, String line) {
            return new Unwrapped(null, rejection, reason);
        }

        public boolean ok() {
            return rejection == null;
        }
    }
}
