package org.permitwatch.inspection.remote;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.permitwatch.inspection.task.TaskMethod;
import org.permitwatch.support.input.PlausibleDate;

/**
 * The review of an OPEN alert. Which members are required depends on the decision: DISMISS needs {@code reason};
 * TASK needs {@code method} and two to ten {@code inspectorIds} (the task API's rules), {@code dueDate} and
 * {@code department} default from configuration; CASE needs {@code facts} (违法事实).
 */
record ReviewRequest(
        @NotNull Decision decision,
        @Size(max = 2000) String reason,
        TaskMethod method,
        // A targeted task is due within weeks; two years ahead is already generous.
        @PlausibleDate(notBefore = "2000-01-01", yearsAhead = 2)
        LocalDate dueDate,

        @Size(max = 10) List<@NotNull UUID> inspectorIds,

        @Pattern(regexp = "[A-Z][A-Z_]{1,39}", message = "must be an upper-case department code")
        String department,

        @Size(max = 4000) String facts) {

    enum Decision {
        DISMISS,
        TASK,
        CASE
    }
}
