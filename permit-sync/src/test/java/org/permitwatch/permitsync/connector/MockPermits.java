package org.permitwatch.permitsync.connector;

import java.util.List;
import org.permitwatch.mock.dataset.PlatformPermit;

/**
 * What the connector must return for what the national-platform mock holds: the mock's own records
 * converted field by field, so a test compares whole values, not a few fields.
 */
final class MockPermits {

    private MockPermits() {}

    static PermitSummary summary(org.permitwatch.mock.dataset.PermitSummary s) {
        return new PermitSummary(
                s.permitNo(),
                s.uscc(),
                s.unitName(),
                s.provinceCode(),
                s.cityCode(),
                s.countyCode(),
                s.industryCode(),
                s.industryName(),
                s.managementCategory(),
                s.status(),
                s.issueDate(),
                s.validFrom(),
                s.validTo(),
                s.issuingAuthority(),
                s.version(),
                s.updatedAt());
    }

    static List<PermitSummary> summaries(List<org.permitwatch.mock.dataset.PermitSummary> rows) {
        return rows.stream().map(MockPermits::summary).toList();
    }

    static PermitDetail detail(PlatformPermit permit) {
        org.permitwatch.mock.dataset.PermitDetail d = permit.detail();
        return new PermitDetail(
                summary(permit.summary()),
                d.address(),
                d.legalRepresentative(),
                d.longitude(),
                d.latitude(),
                d.outlets().stream()
                        .map(o -> new PermitDetail.Outlet(
                                o.outletCode(),
                                o.outletName(),
                                o.medium(),
                                o.outletType(),
                                o.pollutants().stream().map(MockPermits::limit).toList()))
                        .toList(),
                d.fugitiveControls().stream()
                        .map(f -> new PermitDetail.FugitiveControl(f.source(), f.measures()))
                        .toList(),
                d.selfMonitoring().stream()
                        .map(s -> new PermitDetail.SelfMonitoring(
                                s.outletCode(), s.pollutantCode(), s.method(), s.frequency(), s.networked()))
                        .toList(),
                d.executionReports(),
                d.specialPeriods().stream()
                        .map(p -> new PermitDetail.SpecialPeriod(
                                p.name(),
                                p.measures(),
                                p.limits().stream()
                                        .map(MockPermits::specialLimit)
                                        .toList()))
                        .toList());
    }

    private static PermitDetail.PollutantLimit limit(org.permitwatch.mock.dataset.PermitDetail.PollutantLimit l) {
        return new PermitDetail.PollutantLimit(
                l.pollutantCode(),
                l.pollutantName(),
                l.hourlyLimit(),
                l.dailyLimit(),
                l.unit(),
                l.annualLimitTons(),
                l.standard());
    }

    private static PermitDetail.SpecialLimit specialLimit(org.permitwatch.mock.dataset.PermitDetail.SpecialLimit l) {
        return new PermitDetail.SpecialLimit(l.outletCode(), l.pollutantCode(), l.hourlyLimit(), null, l.unit());
    }
}
