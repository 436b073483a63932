package org.permitwatch.inspection.draw;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /** One line {@code permit<TAB>version<TAB>stratum<LF>} per eligible unit, sorted by permit number. */
    static String units(List<DrawAlgorithm.Candidate> units) {
        StringBuilder text = new StringBuilder();
        units.stream()
                .sorted(Comparator.comparing(DrawAlgorithm.Candidate::permitNumber))
                .forEach(c -> text.append(c.permitNumber())
                        .append('\t')
                        .append(c.version())
                        .append('\t')
                        .append(c.stratum())
                        .append('\n'));
        return sha256Hex(text.toString().getBytes(StandardCharsets.UTF_8));
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
