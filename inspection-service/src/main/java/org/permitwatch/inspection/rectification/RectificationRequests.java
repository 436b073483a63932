package org.permitwatch.inspection.rectification;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import org.permitwatch.support.input.PlausibleDate;

/** Request bodies of the rectification API. */
final class RectificationRequests {

    private RectificationRequests() {}

    /**
     * {@code POST /api/v1/cases/{id}/rectification}.
     *
     * @param deadline     last day to correct; default today + permitwatch.rectification.default-deadline-days. At most
     *                     three years ahead: orders give weeks or months (a long works programme is split into steps)
     * @param requirements what the unit must correct (整改要求)
     * @param servedOn     the day the order (责令改正违法行为决定书) was served on the unit (送达日); default today (the
     *                     bureau's zone). May lie in the past within permitwatch.rectification.service-backdate-days, never
     *                     in the future nor before the violation was found. A daily continuous fine counts from the day
     *                     after it (按日连续处罚办法第十七条); the default deadline runs from it.
     */
    record Order(
            @PlausibleDate(notBefore = "2000-01-01", yearsAhead = 3)
            LocalDate deadline,

            @NotBlank @Size(max = 4000) String requirements,

            @PlausibleDate(notBefore = "2000-01-01", yearsAhead = 1)
            LocalDate servedOn) {}

    /** {@code POST /api/v1/rectifications/{id}/progress}: a step the unit reported. */
    record Progress(@NotBlank @Size(max = 4000) String note) {}

    enum Result {
        COMPLETE,
        CONTINUING
    }

    /** {@code POST /api/v1/rectifications/{id}/verification}: the submitted follow-up record and its verdict. */
    record Verification(@NotNull UUID recordId, @NotNull Result result) {}
}
