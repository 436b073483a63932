package org.permitwatch.inspection.draw;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The draw's deterministic random stream, specified in ADR 0007 so anyone can re-implement it: block {@code i}
 * of stream {@code label} is {@code HMAC-SHA256(key = seed bytes, message = UTF-8(label) || 0x00 || uint64be(i))};
 * each block yields four unsigned 64-bit big-endian words. Integers below {@code n} are drawn by rejection
 * sampling (no modulo bias). Independent of the JVM, unlike {@code java.util.Random}/{@code SplittableRandom}
 * whose outputs are not a published, language-neutral contract.
 */
final class DrawRandom {

    private static final String ALGORITHM = "HmacSHA256";

    private final Mac mac;
    private final byte[] label;
    private long counter;
    private ByteBuffer block = ByteBuffer.allocate(0);

    DrawRandom(byte[] seed, String label) {
        try {
            this.mac = Mac.getInstance(ALGORITHM);
            this.mac.init(new SecretKeySpec(seed, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by the JCA spec", e);
        }
        this.label = label.getBytes(StandardCharsets.UTF_8);
    }

    static DrawRandom of(String seedHex, String label) {
        return new DrawRandom(HexFormat.of().parseHex(seedHex), label);
    }

    /** Next unsigned 64-bit word (as a Java long holding the bits). */
    long nextWord() {
        if (!block.hasRemaining()) {
            mac.update(label);
            mac.update((byte) 0);
            mac.update(ByteBuffer.allocate(Long.BYTES).putLong(counter++).array());
            block = ByteBuffer.wrap(mac.doFinal());
        }
        return block.getLong();
    }

    /** Uniform integer in [0, bound): rejects words at or above the largest multiple of bound below 2^64. */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long n = bound;
        // 2^64 mod n, computed with unsigned arithmetic: (2^64 - n) mod n
        long rejectFrom = -Long.remainderUnsigned(-n, n);
        while (true) {
            long word = nextWord();
            if (rejectFrom == 0 || Long.compareUnsigned(word, rejectFrom) < 0) {
                return (int) Long.remainderUnsigned(word, n);
            }
        }
    }

    /**
     * Partial Fisher–Yates: the first {@code k} elements of a uniformly random permutation of {@code items}
     * (which the caller passes in a canonical order, here sorted by permit number or inspector id).
     */
    <T> List<T> sample(List<T> items, int k) {
        int[] positions = samplePositions(items.size(), k);
        List<T> picked = new ArrayList<>(positions.length);
        for (int p : positions) {
            picked.add(items.get(p));
        }
        return List.copyOf(picked);
    }

    /**
     * The positions {@link #sample} takes from a list of {@code size} items: step {@code i} swaps position {@code i}
     * with {@code i + nextInt(size - i)} and keeps what lands at {@code i}. Only the swapped positions are remembered
     * (issue 21: a draw samples two inspectors out of hundreds for each of thousands of units, and copying the whole
     * list each time was most of the assignment's cost, cold). Same random stream, same result as swapping in a copy.
     */
    int[] samplePositions(int size, int k) {
        int take = Math.min(k, size);
        int[] picked = new int[take];
        Map<Integer, Integer> moved = new HashMap<>();
        for (int i = 0; i < take; i++) {
            int j = i + nextInt(size - i);
            picked[i] = moved.getOrDefault(j, j);
            // what was at i goes to j; position i is never read again (later steps draw from i + 1 on)
            moved.put(j, moved.getOrDefault(i, i));
        }
        return picked;
    }
}
