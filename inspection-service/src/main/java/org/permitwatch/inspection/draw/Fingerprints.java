package org.permitwatch.inspection.draw;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 of the draw's inputs in the canonical text forms given in ADR 0007. */
final class Fingerprints {

    private Fingerprints() {}

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JCA spec", e);
        }
    }

    /** The commitment to a seed: SHA-256 over the seed's raw bytes (not its hex text). */
    static String seedHash(String seedHex) {
        return sha256Hex(HexFormat.of().parseHex(seedHex));
    }

    /** SHA-256 of {@link #unitLines}: the eligible units' fingerprint. */
    static String units(List<DrawAlgorithm.Candidate> units) {
        return unitsOfLines(unitLines(units));
    }

    /** The fingerprint of units already in their canonical text (as {@code draw.eligible_units} stores them). */
    static String unitsOfLines(String lines) {
        return sha256Hex(lines.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The canonical text of a list of units: one line {@code permit<TAB>version<TAB>stratum<LF>} per unit, sorted by
     * permit number. It is both what the fingerprint hashes and how a draw stores its eligible units (ADR 0048), so
     * SHA-256 of the stored text is the recorded fingerprint.
     */
    static String unitLines(List<DrawAlgorithm.Candidate> units) {
        // ~25 bytes a line: one allocation for a 100,000-unit population instead of a dozen regrowths
        StringBuilder text = new StringBuilder(units.size() * 28);
        units.stream()
                .sorted(Comparator.comparing(DrawAlgorithm.Candidate::permitNumber))
                .forEach(c -> text.append(c.permitNumber())
                        .append('\t')
                        .append(c.version())
                        .append('\t')
                        .append(c.stratum())
                        .append('\n'));
        return text.toString();
    }

    /**
     * The units of a canonical text, in its order. Refuses a text that is not exactly lines of three tab-separated
     * fields: a stored record that does not parse is not a record to re-run a draw from.
     */
    static List<DrawAlgorithm.Candidate> parseUnitLines(String lines) {
        List<DrawAlgorithm.Candidate> units = new ArrayList<>(lines.length() / 24 + 1);
        int start = 0;
        while (start < lines.length()) {
            int end = lines.indexOf('\n', start);
            int tab1 = end < 0 ? -1 : lines.indexOf('\t', start);
            int tab2 = tab1 < 0 ? -1 : lines.indexOf('\t', tab1 + 1);
            int tab3 = tab2 < 0 ? -1 : lines.indexOf('\t', tab2 + 1);
            boolean threeFields = end >= 0 && tab1 >= 0 && tab2 >= 0 && tab2 < end && (tab3 < 0 || tab3 > end);
            if (!threeFields) {
                throw new IllegalArgumentException("not a line permit<TAB>version<TAB>stratum<LF> at offset " + start);
            }
            units.add(new DrawAlgorithm.Candidate(
                    lines.substring(start, tab1),
                    Long.parseLong(lines, tab1 + 1, tab2, 10),
                    lines.substring(tab2 + 1, end)));
            start = end + 1;
        }
        return units;
    }

    /** One line {@code id<TAB>openAssignments<TAB>conflict,conflict<LF>} per inspector, sorted by the id's text. */
    static String inspectors(List<DrawAlgorithm.InspectorSlot> inspectors) {
        StringBuilder text = new StringBuilder();
        inspectors.stream()
                .sorted(Comparator.comparing(s -> s.id().toString()))
                .forEach(s -> text.append(s.id())
                        .append('\t')
                        .append(s.openAssignments())
                        .append('\t')
                        .append(String.join(",", s.conflicts().stream().sorted().toList()))
                        .append('\n'));
        return sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
