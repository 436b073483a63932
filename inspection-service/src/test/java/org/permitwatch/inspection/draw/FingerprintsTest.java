package org.permitwatch.inspection.draw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.draw.DrawAlgorithm.Candidate;

/** The eligible units' canonical text (ADR 0007's fingerprint lines), which a draw also stores (ADR 0048). */
class FingerprintsTest {

    /** Given out of order, as the population query returns them (one stratum after another). */
    private static final List<Candidate> UNITS = List.of(
            new Candidate("P00100", 12, "GENERAL"),
            new Candidate("P00007", 3, "KEY"),
            new Candidate("P00010", 1, "SPECIAL"));

    /** The same lines written by hand, sorted by permit number. */
    private static final String LINES = "P00007\t3\tKEY\nP00010\t1\tSPECIAL\nP00100\t12\tGENERAL\n";

    @Test
    void theStoredTextIsTheFingerprintedTextAndItsSha256IsTheFingerprint() {
        assertThat(Fingerprints.unitLines(UNITS)).isEqualTo(LINES);
        // python3 -c "import hashlib;
        // print(hashlib.sha256(b'P00007\t3\tKEY\nP00010\t1\tSPECIAL\nP00100\t12\tGENERAL\n').hexdigest())"
        assertThat(Fingerprints.units(UNITS))
                .isEqualTo(Fingerprints.unitsOfLines(LINES))
                .isEqualTo("5822de7ea70c76ac995b166317c0f6c3b82d0b3237cdab1ea73b9debcd717c28");
        // an empty population: the empty text, SHA-256 of zero bytes
        assertThat(Fingerprints.unitLines(List.of())).isEmpty();
        assertThat(Fingerprints.units(List.of()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void theStoredTextParsesBackToTheSameUnitsInCanonicalOrder() {
        assertThat(Fingerprints.parseUnitLines(LINES))
                .containsExactly(
                        new Candidate("P00007", 3, "KEY"),
                        new Candidate("P00010", 1, "SPECIAL"),
                        new Candidate("P00100", 12, "GENERAL"));
        assertThat(Fingerprints.parseUnitLines("")).isEmpty();
    }

    @Test
    void aTextThatIsNotLinesOfThreeFieldsIsRefused() {
        for (String bad : List.of(
                "P00007\t3\tKEY", // no final line break
                "P00007\t3\n", // two fields
                "P00007\t3\tKEY\tX\n", // four fields
                "P00007\tthree\tKEY\n", // version not a number
                "P00007\t3\tKEY\nP00010\n")) { // a later line broken
            assertThatThrownBy(() -> Fingerprints.parseUnitLines(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
