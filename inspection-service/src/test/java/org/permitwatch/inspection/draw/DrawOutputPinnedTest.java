package org.permitwatch.inspection.draw;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.draw.DrawAlgorithm.Candidate;
import org.permitwatch.inspection.draw.DrawAlgorithm.Input;
import org.permitwatch.inspection.draw.DrawAlgorithm.InspectorSlot;
import org.permitwatch.inspection.draw.DrawAlgorithm.Pick;

/**
 * Pins the draw's output for one fixed seed and fixed inputs (issue 21): the units drawn, their order, strata,
 * targeted flags and assigned inspectors. Written before the draw was made faster, with the output of the code as it
 * was (commit 14765a0), so any optimisation that changes a published draw's outcome fails here — a recorded draw must
 * verify identically on every later version (ADR 0007).
 */
class DrawOutputPinnedTest {

    private static final String SEED = "00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210";

    /**
     * 3,000 units (every 100th SPECIAL, every 5th KEY, the rest GENERAL; versions 1–4), given in a scrambled order;
     * 60 inspectors with open assignments 0–3 and two conflicts each; two targeted units.
     */
    private static Input input() {
        return input(60, 2);
    }

    private static Input input(int inspectorCount, int inspectorsPerUnit) {
        List<Candidate> eligible = new ArrayList<>();
        for (int g = 1; g <= 3000; g++) {
            int i = (g * 1237) % 3001; // a permutation of 1..3000 (3001 is prime): inputs arrive unsorted
            String stratum = i % 100 == 0 ? "SPECIAL" : i % 5 == 1 ? "KEY" : "GENERAL";
            eligible.add(new Candidate(String.format("P%05d", i), 1 + i % 4, stratum));
        }
        List<InspectorSlot> inspectors = new ArrayList<>();
        for (int k = 1; k <= inspectorCount; k++) {
            inspectors.add(new InspectorSlot(
                    new UUID(0x1000L * k, k * 7919L),
                    k % 4,
                    List.of(String.format("P%05d", (k * 37) % 3000 + 1), String.format("P%05d", (k * 53) % 3000 + 1))));
        }
        List<Candidate> targeted = List.of(new Candidate("P00042", 3, "GENERAL"), new Candidate("P02996", 1, "KEY"));
        return new Input(
                SEED,
                eligible,
                targeted,
                Map.of("SPECIAL", 30, "KEY", 40, "GENERAL", 90),
                inspectors,
                inspectorsPerUnit);
    }

    /** One line per pick: permit, stratum, targeted, inspectors — the same facts the stored result records. */
    private static String canonical(List<Pick> picks) {
        return picks.stream()
                .map(p -> p.permitNumber() + "\t" + p.stratum() + "\t" + p.targeted() + "\t"
                        + p.inspectors().stream().map(UUID::toString).collect(Collectors.joining(",")))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void aFixedSeedDrawsExactlyThePinnedUnitsAndInspectors() {
        List<Pick> picks = DrawAlgorithm.run(input());

        // 2 targeted + SPECIAL 30 (all 30 of 3,000/100) + KEY 40 + GENERAL 90 = 162
        assertThat(picks).hasSize(162);
        assertThat(picks.subList(0, 2)).extracting(Pick::permitNumber).containsExactly("P00042", "P02996");
        assertThat(picks.subList(0, 5)).map(DrawOutputPinnedTest::line).containsExactly(PINNED_HEAD);
        assertThat(Fingerprints.sha256Hex(canonical(picks).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(PINNED_SHA256);
    }

    /**
     * More inspectors than one 64-bit word holds and three per unit, so load tiers span words and a unit's picks come
     * from more than one tier; pinned with the code of 16073f6, before the assignment worked on bit sets.
     */
    @Test
    void aLargerPoolAndThreeInspectorsPerUnitDrawExactlyThePinnedInspectors() {
        List<Pick> picks = DrawAlgorithm.run(input(150, 3));

        assertThat(picks)
                .hasSize(162)
                .allSatisfy(p -> assertThat(p.inspectors()).hasSize(3).doesNotHaveDuplicates());
        assertThat(Fingerprints.sha256Hex(canonical(picks).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(PINNED_SHA256_150_INSPECTORS);
    }

    private static String line(Pick p) {
        return canonical(List.of(p));
    }

    /** The targeted units first (sorted), then SPECIAL's stream; each unit's two inspectors as assigned. */
    private static final String[] PINNED_HEAD = {
        "P00042\tGENERAL\ttrue\t00000000-0002-0000-0000-00000003dde0,00000000-0000-4000-0000-000000007bbc",
        "P02996\tKEY\ttrue\t00000000-0003-0000-0000-00000005ccd0,00000000-0002-c000-0000-000000055114",
        "P03000\tSPECIAL\tfalse\t00000000-0002-4000-0000-00000004599c,00000000-0002-8000-0000-00000004d558",
        "P02300\tSPECIAL\tfalse\t00000000-0001-4000-0000-000000026aac,00000000-0003-8000-0000-00000006c448",
        "P01700\tSPECIAL\tfalse\t00000000-0001-c000-0000-000000036224,00000000-0003-c000-0000-000000074004"
    };

    /** SHA-256 of all 162 lines of {@link #canonical}, as the code of 14765a0 drew them. */
    private static final String PINNED_SHA256 = "8f399f4a6e8edde40b8868655b4afff5b5dbe12317626dba9366ac9c92c7f5d8";

    /** SHA-256 of the 162 lines drawn from 150 inspectors, three per unit, by the code of 16073f6. */
    private static final String PINNED_SHA256_150_INSPECTORS =
            "90939ef260b2ea4ebd6c7bfd17722acbe5713d285019deb93242fdb9a36404a5";
}
