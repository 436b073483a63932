package org.permitwatch.permitsync.connector;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A permit as listed by the platform. Category and status keep the platform's Chinese labels
 * (重点管理/简化管理/登记管理; 有效/过期/撤销/注销/吊销); the directory maps them to its own enums.
 * Registration (登记管理) rows carry a receipt number in {@code permitNo} and no validity dates.
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
        @Nullable LocalDate issueDate,
        @Nullable LocalDate validFrom,
        @Nullable LocalDate validTo,
        @Nullable String issuingAuthority,
        long version,
        OffsetDateTime updatedAt) {}
