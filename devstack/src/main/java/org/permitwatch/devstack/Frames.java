package org.permitwatch.devstack;

import java.nio.charset.StandardCharsets;

/**
 * The simulator's side of an HJ 212-2017 frame: {@code ##} + length + segment + CRC + CRLF. A unit is another program
 * than the receiver, so it has its own few lines of the standard rather than the receiver's classes (a bug in one then
 * shows against the other); both are tested against the standard's example (CRC 1C80).
 */
final class Frames {

    private Frames() {}

    static String crc(String segment) {
        int crc = 0xFFFF;
        for (byte b : segment.getBytes(StandardCharsets.ISO_8859_1)) {
            crc = (crc >> 8) ^ (b & 0xFF);
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }
        }
        return String.format("%04X", crc);
    }

    static String wrap(String segment) {
        return "##" + String.format("%04d", segment.getBytes(StandardCharsets.ISO_8859_1).length) + segment
                + crc(segment) + "\r\n";
    }
}
