package org.permitwatch.inspection.plan;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Inputs of the plan capacity check; configurable because they are bureau practice, not law.
 *
 * @param inspectorsPerUnit    officers sent to one unit (the law requires at least two)
 * @param daysPerInspection    inspector-days one officer spends on one unit, travel and write-up included
 * @param workingDaysPerYear   working days of an officer per year
 * @param inspectionShare      share of working days an officer can give to permit inspections
 */
@Validated
@ConfigurationProperties("permitwatch.inspection.plan")
record PlanProperties(
        @Min(2) int inspectorsPerUnit,
        @DecimalMin("0.1") double daysPerInspection,
        @Min(1) int workingDaysPerYear,
        @DecimalMin("0.01") @DecimalMax("1.0") double inspectionShare) {}
