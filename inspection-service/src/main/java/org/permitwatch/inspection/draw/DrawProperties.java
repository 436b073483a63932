package org.permitwatch.inspection.draw;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Draw rules that are bureau practice, not law (DOMAIN.md §6).
 *
 * @param inspectorsPerUnit   officers assigned to each drawn unit, at least two
 * @param exclusionWindowDays a unit inspected, or holding a task, within this many days is not drawn again
 * @param publishAfterDays    results become publishable this many days after the end of the drawn month even if
 *                            tasks are still open (about 20 working days)
 * @param defaultDepartment   department recorded on drawn tasks when the request names none
 */
@Validated
@ConfigurationProperties("permitwatch.inspection.draw")
record DrawProperties(
        @Min(2) int inspectorsPerUnit,
        @Min(0) int exclusionWindowDays,
        @Min(0) int publishAfterDays,
        @NotBlank String defaultDepartment) {}
