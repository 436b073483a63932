package org.permitwatch.inspection.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permitwatch.inspection.rectification.RectificationStatus;

/** The case and rectification state machines, every pair of states checked against the drawn diagrams. */
class StateTablesTest {

    @Test
    void caseMovesOnlyForward() {
        List<String> allowed = new ArrayList<>();
        for (CaseStatus from : CaseStatus.values()) {
            for (CaseStatus to : CaseStatus.values()) {
                if (from.canBecome(to)) {
                    allowed.add(from + "→" + to);
                }
            }
        }
        // 3 × 3 = 9 pairs, exactly 2 allowed: decision and close. Never back, never skipping the decision.
        assertThat(allowed).containsExactlyInAnyOrder("OPEN→DECIDED", "DECIDED→CLOSED");
        assertThat(CaseStatus.sourcesOf(CaseStatus.CLOSED)).containsExactly("DECIDED");
        assertThat(CaseStatus.sourcesOf(CaseStatus.OPEN)).isEmpty();
    }

    @Test
    void rectificationEndsVerifiedAndEscalatesOnlyUnverifiedOrders() {
        List<String> allowed = new ArrayList<>();
        for (RectificationStatus from : RectificationStatus.values()) {
            for (RectificationStatus to : RectificationStatus.values()) {
                if (from.canBecome(to)) {
                    allowed.add(from + "→" + to);
                }
            }
        }
        // 4 × 4 = 16 pairs, 6 allowed.
        assertThat(allowed)
                .containsExactlyInAnyOrder(
                        "ORDERED→IN_PROGRESS",
                        "ORDERED→ESCALATED",
                        "ORDERED→VERIFIED_COMPLETE",
                        "IN_PROGRESS→ESCALATED",
                        "IN_PROGRESS→VERIFIED_COMPLETE",
                        "ESCALATED→VERIFIED_COMPLETE");
        assertThat(RectificationStatus.sourcesOf(RectificationStatus.ESCALATED))
                .containsExactly("ORDERED", "IN_PROGRESS");
        assertThat(RectificationStatus.sourcesOf(RectificationStatus.VERIFIED_COMPLETE))
                .containsExactly("ORDERED", "IN_PROGRESS", "ESCALATED");
        assertThat(RectificationStatus.VERIFIED_COMPLETE.isFinal()).isTrue();
        assertThat(RectificationStatus.ESCALATED.isFinal()).isFalse();
    }
}
