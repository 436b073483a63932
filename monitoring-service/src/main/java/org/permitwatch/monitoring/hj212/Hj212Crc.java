package org.permitwatch.monitoring.hj212;

/**
 * The CRC of HJ 212-2017 (附录 A): 16 bits, initial value 0xFFFF, reflected polynomial 0xA001, over the ASCII bytes of
 * the data segment only (not the "##", the length or the CRLF), written as four upper-case hex digits.
 *
 * <p>Note the standard's own step {@code crc = (crc >> 8) ^ byte}: the register's high byte is shifted down before the
 * byte is folded in, which is NOT CRC-16/MODBUS ({@code crc ^= byte}). Both give different values; the standard's
 * example message {@code ##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;
 * CP=&&RtdInterval=30&&1C80} only checks with the standard's variant (Hj212CrcTest).
 *
 * <p>Table-driven: the eight shifts of the standard's inner loop are linear in the register, so for a register value
 * {@code v} they equal {@code (v >> 8) ^ SHIFTED[v & 0xFF]}, with the table built by the standard's own bit loop. The
 * bit loop was the receiver's hottest method under a backfill burst (docs/benchmarks.md); Hj212CrcTest checks the
 * table against the bit loop over every byte value and random segments.
 */
public final class Hj212Crc {

    /** The standard's eight shift-and-XOR steps applied to each value of the register's low byte. */
    private static final int[] SHIFTED = new int[256];

    static {
        for (int v = 0; v < 256; v++) {
            SHIFTED[v] = eightShifts(v);
        }
    }

    private Hj212Crc() {}

    public static int of(byte[] bytes, int from, int to) {
        int crc = 0xFFFF;
        for (int i = from; i < to; i++) {
            crc = (crc >> 8) ^ (bytes[i] & 0xFF);
            crc = (crc >> 8) ^ SHIFTED[crc & 0xFF];
        }
        return crc & 0xFFFF;
    }

    /** The standard's routine as written in 附录 A, bit by bit: the table's source and the tests' reference. */
    static int ofBitwise(byte[] bytes, int from, int to) {
        int crc = 0xFFFF;
        for (int i = from; i < to; i++) {
            crc = eightShifts((crc >> 8) ^ (bytes[i] & 0xFF));
        }
        return crc & 0xFFFF;
    }

    private static int eightShifts(int value) {
        int crc = value;
        for (int bit = 0; bit < 8; bit++) {
            boolean lowBitSet = (crc & 0x0001) != 0;
            crc >>= 1;
            if (lowBitSet) {
                crc ^= 0xA001;
            }
        }
        return crc;
    }

    /** The four hex digits a frame carries after its data segment. */
    public static String hex(String segment) {
        byte[] bytes = segment.getBytes(Hj212Frame.CHARSET);
        return hex4(of(bytes, 0, bytes.length));
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * Four upper-case hex digits, as {@code String.format("%04X", value)} writes them: a Formatter per frame and per
     * answer (pattern parsing, locale lookups) showed in the receiver's profile (docs/benchmarks.md).
     */
    static String hex4(int value) {
        return new String(
                new char[] {HEX[(value >> 12) & 0xF], HEX[(value >> 8) & 0xF], HEX[(value >> 4) & 0xF], HEX[value & 0xF]
                });
    }

    /** Whether the four characters of {@code text} at {@code at} are the hex form of {@code crc}, in either case. */
    static boolean matches(String text, int at, int crc) {
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(at + i);
            char expected = HEX[(crc >> (12 - 4 * i)) & 0xF];
            if (c != expected && Character.toUpperCase(c) != expected) {
                return false;
            }
        }
        return true;
    }
}
