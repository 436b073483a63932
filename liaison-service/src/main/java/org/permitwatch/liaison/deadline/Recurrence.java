package org.permitwatch.liaison.deadline;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** How an obligation turns into dated instances. */
enum Recurrence {
    ONCE,
    MONTHLY;

    static final String ONCE_PERIOD = "ONCE";

    /** A dated instance before it is stored: {@code period} is "ONCE" or "YYYY-MM". */
    record Due(String period, LocalDate dueDate) {}

    /** The instances of a validated obligation, in date order. */
    static List<Due> instances(ObligationForm.Valid form) {
        if (form.recurrence() == ONCE) {
            return List.of(new Due(ONCE_PERIOD, form.dueDate()));
        }
        List<Due> dues = new ArrayList<>();
        for (YearMonth m = form.firstMonth(); !m.isAfter(form.lastMonth()); m = m.plusMonths(1)) {
            // "before the 30th" in February means its last day.
            dues.add(new Due(m.toString(), m.atDay(Math.min(form.dueDay(), m.lengthOfMonth()))));
        }
        return dues;
    }
}
