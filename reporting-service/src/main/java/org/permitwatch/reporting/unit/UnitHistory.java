package org.permitwatch.reporting.unit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A unit's compliance history, like the detailed facility report of US EPA ECHO: header, a strip of quarters (oldest
 * first), inspections with their violation types, cases with penalties and rectifications, remote-check alerts.
 * {@code totals} count the whole history; each list holds at most {@code listLimit} newest entries, so a list shorter
 * than its total is a truncated one.
 */
record UnitHistory(
        String permitNumber,
        String unitName,
        String cityCode,
        String countyCode,
        String countyName,
        String keyIndustry,
        String industryLabel,
        String managementCategory,
        String permitStatus,
        LocalDate asOf,
        Totals totals,
        int listLimit,
        List<Quarter> quarters,
        List<Inspection> inspections,
        List<Case> cases,
        List<Alert> alerts) {

    /** @param openRectifications rectifications not verified complete (as of now) */
    record Totals(
            long inspections,
            long violations,
            long cases,
            BigDecimal fineYuan,
            long openRectifications,
            long quartersInViolation) {}

    /** @param status INSPECTED_COMPLIANT, VIOLATION, UNRESOLVED (violation not rectified by the quarter's end) or NOT_INSPECTED */
    record Quarter(String quarter, LocalDate from, LocalDate to, String status, long inspections, long violations) {}

    record Inspection(
            UUID recordId,
            int version,
            OffsetDateTime inspectedAt,
            int compliant,
            int nonCompliant,
            int exceedances,
            List<String> violationTypes) {}

    record Case(
            UUID caseId,
            String caseNo,
            String violationType,
            String violationLabel,
            String article,
            String origin,
            OffsetDateTime openedAt,
            OffsetDateTime closedAt,
            BigDecimal fineYuan,
            List<Penalty> penalties,
            List<Rectification> rectifications) {}

    record Penalty(
            UUID decisionId,
            String kind,
            String noPenaltyRule,
            BigDecimal amountYuan,
            Integer days,
            OffsetDateTime decidedAt) {}

    /** @param status ORDERED, OVERDUE or COMPLETED */
    record Rectification(
            UUID rectificationId,
            LocalDate orderedOn,
            LocalDate deadline,
            String status,
            OffsetDateTime completedAt,
            Boolean onTime) {}

    record Alert(
            UUID alertId,
            String rule,
            String status,
            String violationType,
            OffsetDateTime raisedAt,
            OffsetDateTime changedAt) {}
}
