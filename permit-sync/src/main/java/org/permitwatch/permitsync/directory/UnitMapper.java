package org.permitwatch.permitsync.directory;

import java.util.List;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.permitwatch.permitsync.connector.PermitDetail;
import org.permitwatch.permitsync.connector.PermitSummary;
import org.springframework.stereotype.Component;

/** Turns a platform permit into a directory entry: maps Chinese labels to enums and applies the rules. */
@Component
class UnitMapper {

    private final UnitClassifier classifier;

    UnitMapper(UnitClassifier classifier) {
        this.classifier = classifier;
    }

    /**
     * @param violationCount the stored, fed-back violation count (the platform does not know it)
     * @throws UnmappablePermitException when a label or a division code is not one we know
     */
    DirectoryUnit toUnit(PermitDetail detail, int violationCount) {
        return toUnit(detail, violationCount, 0);
    }

    /** @param fineCount the stored, fed-back fines (FINE decisions) of the same window */
    DirectoryUnit toUnit(PermitDetail detail, int violationCount, int fineCount) {
        PermitSummary s = detail.summary();
        ManagementCategory category = ManagementCategory.fromLabel(s.managementCategory())
                .orElseThrow(() ->
                        new UnmappablePermitException("unknown managementCategory '" + s.managementCategory() + "'"));
        PermitStatus status = PermitStatus.fromLabel(s.status())
                .orElseThrow(() -> new UnmappablePermitException("unknown status '" + s.status() + "'"));
        requireDivision("provinceCode", s.provinceCode());
        requireDivision("cityCode", s.cityCode());
        requireDivision("countyCode", s.countyCode());
        if (!s.countyCode().startsWith(s.cityCode().substring(0, 4))
                || !s.cityCode().startsWith(s.provinceCode().substring(0, 2))) {
            throw new UnmappablePermitException(
                    "division codes do not nest: " + s.provinceCode() + "/" + s.cityCode() + "/" + s.countyCode());
        }
        if (s.permitNo() == null || s.permitNo().isBlank() || s.industryCode() == null || s.unitName() == null) {
            throw new UnmappablePermitException("permitNo, industryCode and unitName are required");
        }
        KeyIndustry keyIndustry = classifier.keyIndustry(s.industryCode(), s.unitName());
        boolean withoutPermit = status.withoutPermit();
        SourceType sourceType = classifier.sourceType(category, keyIndustry, withoutPermit, violationCount, fineCount);
        return new DirectoryUnit(
                s.permitNo(),
                s.uscc(),
                s.unitName(),
                s.provinceCode(),
                s.cityCode(),
                s.countyCode(),
                s.industryCode(),
                s.industryName(),
                keyIndustry,
                category,
                status,
                s.issueDate(),
                s.validFrom(),
                s.validTo(),
                s.issuingAuthority(),
                withoutPermit,
                sourceType,
                classifier.onPositiveList(s.permitNo()),
                detail.address(),
                detail.legalRepresentative(),
                detail.longitude(),
                detail.latitude(),
                outlets(detail.outlets()),
                new Obligations(
                        detail.fugitiveControls(),
                        detail.selfMonitoring(),
                        detail.executionReports(),
                        detail.specialPeriods()),
                null,
                violationCount,
                s.version(),
                s.updatedAt(),
                null);
    }

    private static void requireDivision(String field, String code) {
        if (code == null || !code.matches("\\d{6}") || code.startsWith("00")) {
            throw new UnmappablePermitException(field + " is not a 6-digit division code: '" + code + "'");
        }
    }

    private static List<DirectoryUnitSnapshot.Outlet> outlets(List<PermitDetail.Outlet> outlets) {
        return outlets.stream()
                .map(o -> new DirectoryUnitSnapshot.Outlet(
                        o.outletCode(),
                        o.outletName(),
                        o.medium(),
                        o.outletType(),
                        o.pollutants().stream()
                                .map(p -> new DirectoryUnitSnapshot.PollutantLimit(
                                        p.pollutantCode(),
                                        p.pollutantName(),
                                        p.hourlyLimit(),
                                        p.dailyLimit(),
                                        p.unit(),
                                        p.annualLimitTons(),
                                        p.standard()))
                                .toList()))
                .toList();
    }
}
