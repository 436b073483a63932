package org.permitwatch.permitsync.directory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.vocabulary.KeyIndustry;

/** One entry of the object directory as stored: the permit plus classification and fed-back facts. */
record DirectoryUnit(
        String permitNo,
        String uscc,
        String unitName,
        String provinceCode,
        String cityCode,
        String countyCode,
        String industryCode,
        String industryName,
        KeyIndustry keyIndustry,
        ManagementCategory managementCategory,
        PermitStatus status,
        LocalDate issueDate,
        LocalDate validFrom,
        LocalDate validTo,
        String issuingAuthority,
        boolean withoutPermit,
        SourceType sourceType,
        boolean positiveList,
        String address,
        String legalRepresentative,
        Double longitude,
        Double latitude,
        List<DirectoryUnitSnapshot.Outlet> outlets,
        Obligations obligations,
        OffsetDateTime lastInspectedAt,
        int violationCount,
        long version,
        OffsetDateTime platformUpdatedAt,
        OffsetDateTime changedAt) {

    DirectoryUnitSnapshot snapshot() {
        Obligations kept = obligations == null ? Obligations.empty() : obligations;
        return new DirectoryUnitSnapshot(
                permitNo,
                uscc,
                unitName,
                provinceCode,
                cityCode,
                countyCode,
                industryCode,
                industryName,
                keyIndustry.name(),
                managementCategory.name(),
                status.name(),
                validFrom,
                validTo,
                withoutPermit,
                sourceType.name(),
                positiveList,
                outlets,
                lastInspectedAt,
                violationCount,
                version,
                platformUpdatedAt,
                changedAt,
                kept.selfMonitoring().stream()
                        .map(m -> new DirectoryUnitSnapshot.SelfMonitoring(
                                m.outletCode(), m.pollutantCode(), m.method(), m.frequency(), m.networked()))
                        .toList(),
                // Carried for monitoring's special-period limits (issue 19, ADR 0039): already kept in obligations.
                kept.specialPeriods().stream()
                        .map(p -> new DirectoryUnitSnapshot.SpecialPeriod(
                                p.name(),
                                p.measures(),
                                p.limits().stream()
                                        .map(l -> new DirectoryUnitSnapshot.SpecialLimit(
                                                l.outletCode(),
                                                l.pollutantCode(),
                                                l.hourlyLimit(),
                                                l.dailyLimit(),
                                                l.unit()))
                                        .toList()))
                        .toList());
    }
}
