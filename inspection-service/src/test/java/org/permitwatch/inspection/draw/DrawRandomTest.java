package org.permitwatch.inspection.draw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors of the PRNG specified in ADR 0007, computed independently with Python's {@code hmac} module:
 * the draw can be re-implemented outside the JVM and give the same numbers.
 */
class DrawRandomTest {

    private static final String SEED = HexFormat.of().formatHex(rangeBytes());

    private static byte[] rangeBytes() {
        byte[] seed = new byte[32];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) i;
        }
        return seed;
    }

    @Test
    void wordsMatchTheIndependentReference() {
        DrawRandom random = DrawRandom.of(SEED, "units:KEY");
        long[] expected = {
            0x306ce582e0b6a917L,
            0xbc393a9d776db67eL,
            0x5fe0229b6f5fe887L,
            0xf0acfbf1d5bddff8L,
            0x411e2468b422facaL,
            0x5544947feaf333fcL,
            0xabd7cc5ab7e870f6L,
            0x6cb8006db2c3c545L
        };
        for (long word : expected) {
            assertThat(random.nextWord()).isEqualTo(word);
        }
    }

    @Test
    void sampleMatchesTheIndependentReference() {
        List<String> items =
                IntStream.range(0, 10).mapToObj(i -> String.format("P%02d", i)).toList();
        assertThat(DrawRandom.of(SEED, "units:KEY").sample(items, 4)).containsExactly("P03", "P07", "P09", "P06");
    }

    /**
     * {@link DrawRandom#samplePositions} remembers only the swapped positions; a copy of the whole list swapped in
     * place (ADR 0007's wording) must give the same positions for every size and count, the edges included.
     */
    @Test
    void sparsePositionsEqualFisherYatesOnAFullCopy() {
        for (int size = 0; size <= 40; size++) {
            for (int k = 0; k <= size + 2; k++) {
                int[] sparse = DrawRandom.of(SEED, "inspectors").samplePositions(size, k);
                DrawRandom stream = DrawRandom.of(SEED, "inspectors");
                int[] copy = IntStream.range(0, size).toArray();
                int take = Math.min(k, size);
                for (int i = 0; i < take; i++) {
                    int j = i + stream.nextInt(size - i);
                    int t = copy[i];
                    copy[i] = copy[j];
                    copy[j] = t;
                }
                assertThat(sparse).as("size %d, k %d", size, k).containsExactly(Arrays.copyOf(copy, take));
            }
        }
    }

    @Test
    void seedCommitmentIsSha256OfTheRawSeed() {
        assertThat(Fingerprints.seedHash(SEED))
                .isEqualTo("630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd");
    }

    @Test
    void labelsGiveIndependentStreams() {
        assertThat(DrawRandom.of(SEED, "units:KEY").nextWord())
                .isNotEqualTo(DrawRandom.of(SEED, "units:GENERAL").nextWord());
    }

    @Test
    void nextIntStaysInBoundsForAwkwardBounds() {
        DrawRandom random = DrawRandom.of(SEED, "bounds");
        for (int bound : new int[] {1, 2, 3, 7, 1_000_003, Integer.MAX_VALUE}) {
            for (int i = 0; i < 200; i++) {
                assertThat(random.nextInt(bound)).isBetween(0, bound - 1);
            }
        }
    }
}
