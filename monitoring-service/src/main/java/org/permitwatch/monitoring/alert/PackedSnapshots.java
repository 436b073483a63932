package org.permitwatch.monitoring.alert;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The directory global store's values (ADR 0054): each permit's snapshot JSON deflated, as Base64 text behind a
 * prefix. The store is in memory on every instance and holds one snapshot per permit of the province — ~6.5 KB of
 * JSON each (outlets, pollutants, limits, mostly Chinese text), 13 MB of heap for the local 2,000 permits, about a
 * quarter of that packed. Restoring the global store runs its processor (Kafka Streams reprocesses on restore), so
 * a restart packs again. A value without the prefix is read as plain JSON.
 */
final class PackedSnapshots {

    private static final String PREFIX = "z1:";

    private PackedSnapshots() {}

    /** What the store keeps for a snapshot's JSON. */
    static String pack(String json) {
        byte[] plain = json.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream packed = new ByteArrayOutputStream(plain.length / 3 + 64);
            byte[] chunk = new byte[4096];
            while (!deflater.finished()) {
                packed.write(chunk, 0, deflater.deflate(chunk));
            }
            return PREFIX + Base64.getEncoder().encodeToString(packed.toByteArray());
        } finally {
            deflater.end(); // zlib's native state, not left to a cleaner
        }
    }

    /** The snapshot's JSON from what the store keeps (null stays null; a value without the prefix is JSON already). */
    static String unpack(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        byte[] packed;
        try {
            packed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException corrupt) {
            throw new IllegalStateException("corrupt packed directory snapshot", corrupt);
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(packed);
            ByteArrayOutputStream plain = new ByteArrayOutputStream(packed.length * 6);
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("truncated packed directory snapshot");
                }
                plain.write(chunk, 0, n);
            }
            return plain.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException corrupt) {
            throw new IllegalStateException("corrupt packed directory snapshot", corrupt);
        } finally {
            inflater.end();
        }
    }
}
