package org.permitwatch.permitsync.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.permitwatch.permitsync.connector.PermitDetail;
import org.permitwatch.permitsync.connector.PermitSummary;

class UnitMapperTest {

    private final DirectoryProperties properties = new DirectoryProperties(
            Map.of(KeyIndustry.COKING, Set.of("2521"), KeyIndustry.SEWAGE_TREATMENT, Set.of("4620")),
            new DirectoryProperties.WaterReuseRule("4620", List.of("再生水", "中水")),
            List.of(
                    new DirectoryProperties.SourceTypeRule(SourceType.SPECIAL, null, null, null, 1, null),
                    new DirectoryProperties.SourceTypeRule(
                            SourceType.KEY, Set.of(ManagementCategory.KEY), null, null, null, null)),
            SourceType.GENERAL,
            Set.of("91140100MA0HXXXX1A001P"));
    private final UnitMapper mapper = new UnitMapper(new UnitClassifier(properties));

    private static PermitDetail detail(String permitNo, String name, String industry, String category, String status) {
        var summary = new PermitSummary(
                permitNo,
                "91140100MA0HXXXX1A",
                name,
                "140000",
                "140100",
                "140105",
                industry,
                "行业",
                category,
                status,
                LocalDate.of(2023, 6, 1),
                LocalDate.of(2023, 6, 1),
                LocalDate.of(2028, 5, 31),
                "太原市行政审批服务管理局",
                3,
                OffsetDateTime.of(2026, 3, 2, 10, 15, 0, 0, ZoneOffset.ofHours(8)));
        var limit =
                new PermitDetail.PollutantLimit("a21026", "二氧化硫", 30.0, null, "mg/m3", List.of(120.5), "GB 16171-2012");
        return new PermitDetail(
                summary,
                "地址",
                "张三丰",
                112.55,
                37.87,
                List.of(new PermitDetail.Outlet("DA001", "焦炉烟囱", "废气", "主要排放口", List.of(limit))),
                List.of(),
                List.of(
                        new PermitDetail.SelfMonitoring("DA001", "a21026", "自动", "自动监测", true),
                        new PermitDetail.SelfMonitoring("DA001", "a34013", "手工", "1次/季度", false)),
                List.of("年报"),
                List.of(new PermitDetail.SpecialPeriod(
                        "重污染天气应对",
                        "橙色及以上预警期间限产30%",
                        List.of(new PermitDetail.SpecialLimit("DA001", "a21026", 21.0, null, "mg/m3")))));
    }

    @Test
    void mapsLabelsIndustryRowSourceTypeAndOutlets() {
        DirectoryUnit unit = mapper.toUnit(detail("91140100MA0HXXXX1A001P", "太原某焦化有限公司", "2521", "重点管理", "有效"), 0);

        assertThat(unit.managementCategory()).isEqualTo(ManagementCategory.KEY);
        assertThat(unit.status()).isEqualTo(PermitStatus.VALID);
        assertThat(unit.keyIndustry()).isEqualTo(KeyIndustry.COKING);
        assertThat(unit.withoutPermit()).isFalse();
        assertThat(unit.sourceType()).isEqualTo(SourceType.KEY);
        assertThat(unit.positiveList()).isTrue();
        assertThat(unit.outlets()).singleElement().satisfies(o -> {
            assertThat(o.outletCode()).isEqualTo("DA001");
            assertThat(o.pollutants())
                    .singleElement()
                    .satisfies(p -> assertThat(p.hourlyLimit()).isEqualTo(30.0));
        });
        assertThat(unit.version()).isEqualTo(3);
    }

    @Test
    void theSnapshotCarriesThePermitsSelfMonitoringTableRowForRow() {
        // monitoring-service reads method 自动 from it (which outlets and pollutants must send HJ 212 data).
        var snapshot =
                mapper.toUnit(detail("P1", "某公司", "2521", "重点管理", "有效"), 0).snapshot();
        assertThat(snapshot.selfMonitoring())
                .containsExactly(
                        new org.permitwatch.events.directory.DirectoryUnitSnapshot.SelfMonitoring(
                                "DA001", "a21026", "自动", "自动监测", true),
                        new org.permitwatch.events.directory.DirectoryUnitSnapshot.SelfMonitoring(
                                "DA001", "a34013", "手工", "1次/季度", false));
    }

    @Test
    void theSnapshotCarriesTheSpecialPeriodsWithTheirReducedLimits() {
        // monitoring-service judges with them while the city's heavy-pollution warning is in force (ADR 0039).
        var snapshot =
                mapper.toUnit(detail("P1", "某公司", "2521", "重点管理", "有效"), 0).snapshot();
        assertThat(snapshot.specialPeriods())
                .containsExactly(new org.permitwatch.events.directory.DirectoryUnitSnapshot.SpecialPeriod(
                        "重污染天气应对",
                        "橙色及以上预警期间限产30%",
                        List.of(new org.permitwatch.events.directory.DirectoryUnitSnapshot.SpecialLimit(
                                "DA001", "a21026", 21.0, null, "mg/m3"))));
    }

    @Test
    void everyStatusButValidCountsAsDischargingWithoutPermit() {
        for (String label : List.of("过期", "撤销", "注销", "吊销")) {
            assertThat(mapper.toUnit(detail("P1", "某公司", "3011", "简化管理", label), 0)
                            .withoutPermit())
                    .as(label)
                    .isTrue();
        }
        assertThat(mapper.toUnit(detail("P1", "某公司", "3011", "简化管理", "有效"), 0).sourceType())
                .isEqualTo(SourceType.GENERAL);
    }

    @Test
    void industry4620IsSplitIntoSewageAndReuseByTheConfiguredNameRule() {
        assertThat(mapper.toUnit(detail("P1", "太原某水务有限公司", "4620", "重点管理", "有效"), 0)
                        .keyIndustry())
                .isEqualTo(KeyIndustry.SEWAGE_TREATMENT);
        assertThat(mapper.toUnit(detail("P2", "太原某再生水有限公司", "4620", "重点管理", "有效"), 0)
                        .keyIndustry())
                .isEqualTo(KeyIndustry.WATER_REUSE);
        assertThat(mapper.toUnit(detail("P3", "太原某再生水有限公司", "2521", "重点管理", "有效"), 0)
                        .keyIndustry())
                .isEqualTo(KeyIndustry.COKING);
    }

    @Test
    void fedBackViolationsMakeASpecialSource() {
        assertThat(mapper.toUnit(detail("P1", "某公司", "3011", "登记管理", "有效"), 2).sourceType())
                .isEqualTo(SourceType.SPECIAL);
    }

    @Test
    void aFineRuleNeedsAFineNotJustAVerifiedViolation() {
        UnitClassifier fined = new UnitClassifier(new DirectoryProperties(
                Map.of(),
                null,
                List.of(
                        new DirectoryProperties.SourceTypeRule(SourceType.SPECIAL, null, null, null, null, 1),
                        new DirectoryProperties.SourceTypeRule(
                                SourceType.KEY, Set.of(ManagementCategory.KEY), null, null, null, null)),
                SourceType.GENERAL,
                Set.of()));
        // two no-penalty decisions: verified violations, but no fine
        assertThat(fined.sourceType(ManagementCategory.KEY, KeyIndustry.COKING, false, 2, 0))
                .isEqualTo(SourceType.KEY);
        assertThat(fined.sourceType(ManagementCategory.SIMPLIFIED, KeyIndustry.COKING, false, 2, 0))
                .isEqualTo(SourceType.GENERAL);
        assertThat(fined.sourceType(ManagementCategory.SIMPLIFIED, KeyIndustry.COKING, false, 1, 1))
                .isEqualTo(SourceType.SPECIAL);
        assertThat(new UnitMapper(fined)
                        .toUnit(detail("P1", "某公司", "3011", "简化管理", "有效"), 1, 1)
                        .sourceType())
                .isEqualTo(SourceType.SPECIAL);
    }

    @Test
    void unknownLabelsAreRejectedNotGuessed() {
        assertThatThrownBy(() -> mapper.toUnit(detail("P1", "某公司", "3011", "未知管理", "有效"), 0))
                .isInstanceOf(UnmappablePermitException.class)
                .hasMessageContaining("managementCategory");
        assertThatThrownBy(() -> mapper.toUnit(detail("P1", "某公司", "3011", "重点管理", "暂停"), 0))
                .isInstanceOf(UnmappablePermitException.class)
                .hasMessageContaining("status");
    }

    @Test
    void anIndustryCodeInTwoRowsIsAConfigurationError() {
        var broken = new DirectoryProperties(
                Map.of(KeyIndustry.COKING, Set.of("2521"), KeyIndustry.CEMENT, Set.of("2521")), null, null, null, null);
        assertThatThrownBy(() -> new UnitClassifier(broken)).isInstanceOf(IllegalStateException.class);
    }
}
