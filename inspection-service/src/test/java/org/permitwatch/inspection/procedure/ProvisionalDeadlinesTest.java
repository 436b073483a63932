package org.permitwatch.inspection.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.permitwatch.support.workday.WorkdayCalendar;
import org.permitwatch.support.workday.WorkdayYear;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ProcedureRules#current} and {@link ProcedureState#decisionBlocker} on a row as the database returns it: a notice
 * served Monday 2026-12-28 when 2027's arrangement is not loaded (shipped: 2025, 2026). Dates counted by hand.
 */
class ProvisionalDeadlinesTest {

    private static final WorkdayCalendar SHIPPED =
            WorkdayCalendar.fromClasspath(JsonMapper.builder().build());

    private static ProcedureRules rules(WorkdayCalendar calendar) {
        return new ProcedureRules(ProcedureProperties.defaults(), new BigDecimal("50000"), calendar);
    }

    /** The row the notice left: the dates stored are the provisional ones (hearing request 2027-01-05). */
    private static ProcedureState noticed() {
        Map<String, Object> row = new HashMap<>();
        row.put("step", "NOTICE_SERVED");
        row.put("opened_on", LocalDate.of(2026, 12, 28));
        row.put("extension_days", 0);
        row.put("extensions", 0);
        row.put("excluded_days", 0);
        row.put("suspended_days", 0); // V93's column (ADR 0045), NOT NULL DEFAULT 0 in the table
        row.put("case_due", LocalDate.of(2027, 3, 28));
        row.put("notice_served_on", LocalDate.of(2026, 12, 28));
        row.put("noticed_yuan", new BigDecimal("60000"));
        row.put("hearing_eligible", true);
        row.put("statement_due", LocalDate.of(2026, 12, 31));
        row.put("hearing_request_due", LocalDate.of(2027, 1, 5));
        row.put("next_due", LocalDate.of(2027, 3, 28));
        row.put("next_due_kind", "DECISION");
        return ProcedureState.of(new Readable() {
            @Override
            public <T> T get(int index, Class<T> type) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <T> T get(String name, Class<T> type) {
                return type.cast(row.get(name));
            }
        });
    }

    @Test
    void aWindowWhoseEndIsProvisionalStaysOpenAfterItsCountedEnd() {
        ProcedureState s = rules(SHIPPED).current(noticed());
        // 12-29 1, 12-30 2, 12-31 3 (final); 2027-01-01 元旦, 01-02/03 weekend, 01-04 4, 01-05 5 (provisional)
        assertThat(s.statementDue()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(s.hearingRequestDue()).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThat(s.provisionalDeadlines()).containsExactly("hearingRequestDue");
        assertThat(s.provisionalReason()).contains("2027");

        LocalDate inside = LocalDate.of(2027, 1, 5);
        LocalDate after = LocalDate.of(2027, 1, 6);
        assertThat(s.decisionBlocker(true, null, inside))
                .map(ProcedureState.Blocker::code)
                .contains("hearing-window-open");
        assertThat(s.decisionBlocker(true, null, after))
                .map(ProcedureState.Blocker::code)
                .contains("workday-calendar-provisional");
        assertThat(s.hearingWindowOpen(after)).isTrue();
        assertThat(s.allowedActions(after)).contains("hearing-request", "statement");
        // NO_PENALTY needs no notice window (告知 is of a penalty): not blocked
        assertThat(s.decisionBlocker(false, null, after)).isEmpty();
    }

    @Test
    void theLoadedYearMakesTheDeadlineFinalAndClosesTheWindow() {
        // TEST FIXTURE, not the State Council's 2027 arrangement: 元旦 01-01..01-03 only.
        WorkdayYear fixture = new WorkdayYear(
                2027,
                "TEST FIXTURE",
                null,
                null,
                "test fixture",
                List.of(new WorkdayYear.Holiday("元旦", LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 3))),
                List.of());
        WorkdayCalendar loaded =
                WorkdayCalendar.fromClasspath(JsonMapper.builder().build());
        List<WorkdayYear> years =
                new java.util.ArrayList<>(loaded.arrangements().values());
        years.add(fixture);
        loaded.replace(years);

        ProcedureState s = rules(loaded).current(noticed());
        assertThat(s.hearingRequestDue()).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThat(s.provisionalDeadlines()).isEmpty();
        assertThat(s.provisionalReason()).isNull();
        assertThat(s.hearingWindowOpen(LocalDate.of(2027, 1, 6))).isFalse();
        // no blocker left but the amount (60000 < 200000: no review needed)
        assertThat(s.decisionBlocker(true, null, LocalDate.of(2027, 1, 6))).isEmpty();
    }
}
