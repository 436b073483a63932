package org.permitwatch.mock.dataset;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One row of {@code GET /api/v1/permits}, field for field as the contract names them.
 * Chinese label values ({@code managementCategory}, {@code status}) are the platform's own.
 * {@code validFrom}/{@code validTo} are null for 登记管理 rows (registration receipts).
 */
public record PermitSummary(
        String permitNo,
        String uscc,
        String unitName,
        String provinceCode,
        String cityCode,
        String countyCode,
        String industryCode,
        String industryName,
        String managementCategory,
        String status,
        LocalDate issueDate,
        LocalDate validFrom,
        LocalDate validTo,
        String issuingAuthority,
        int version,
        OffsetDateTime updatedAt) {

    public static final String CATEGORY_KEY = "重点管理";
    public static final String CATEGORY_SIMPLIFIED = "简化管理";
    public static final String CATEGORY_REGISTRATION = "登记管理";

    public static final String STATUS_VALID = "有效";
    public static final String STATUS_EXPIRED = "过期";
    public static final String STATUS_REVOKED = "撤销";
    public static final String STATUS_CANCELLED = "注销";
    public static final String STATUS_WITHDRAWN = "吊销";

    public boolean isRegistration() {
        return CATEGORY_REGISTRATION.equals(managementCategory);
    }

    PermitSummary withChange(
            String newStatus, LocalDate newIssue, LocalDate newFrom, LocalDate newTo, OffsetDateTime newUpdatedAt) {
        return new PermitSummary(
                permitNo,
                uscc,
                unitName,
                provinceCode,
                cityCode,
                countyCode,
                industryCode,
                industryName,
                managementCategory,
                newStatus,
                newIssue,
                newFrom,
                newTo,
                issuingAuthority,
                version + 1,
                newUpdatedAt);
    }
}
