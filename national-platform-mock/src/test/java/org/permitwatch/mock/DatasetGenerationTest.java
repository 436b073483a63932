package org.permitwatch.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.permitwatch.mock.dataset.Industries;
import org.permitwatch.mock.dataset.PermitDetail.Outlet;
import org.permitwatch.mock.dataset.PermitDetail.PollutantLimit;
import org.permitwatch.mock.dataset.PermitStore;
import org.permitwatch.mock.dataset.PermitSummary;
import org.permitwatch.mock.dataset.PlatformPermit;
import org.permitwatch.mock.dataset.ShanxiDivisions;
import org.permitwatch.mock.dataset.Uscc;

class DatasetGenerationTest {

    private static final Pattern PERMIT_NO = Pattern.compile("^[0-9A-HJ-NPQRTUWXY]{18}\\d{3}[A-Z]$");
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 20);

    private static List<PlatformPermit> permits;
    private static List<PermitSummary> summaries;

    @BeforeAll
    static void generate() {
        PermitStore store = new PermitStore(42L, 2_000, Clock.systemUTC());
        permits = store.snapshot().stream().toList();
        summaries = store.snapshot().summaries();
    }

    @Test
    void sameSeedGivesTheSameDataAndAnotherSeedDifferentData() {
        List<PlatformPermit> again = new PermitStore(42L, 2_000, Clock.systemUTC())
                .snapshot().stream().toList();
        assertThat(again).isEqualTo(permits);
        List<PermitSummary> other =
                new PermitStore(43L, 2_000, Clock.systemUTC()).snapshot().summaries();
        assertThat(other.stream().map(PermitSummary::permitNo).collect(Collectors.toSet()))
                .doesNotContainAnyElementsOf(
                        summaries.stream().map(PermitSummary::permitNo).toList());
    }

    @Test
    void permitNumbersAreValidAndUnique() {
        Set<String> numbers = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (PermitSummary s : summaries) {
            assertThat(s.permitNo()).matches(PERMIT_NO);
            assertThat(s.permitNo()).startsWith(s.uscc());
            assertThat(Uscc.isValid(s.uscc())).as(s.uscc()).isTrue();
            // characters 9-17 are an organisation code with its own GB 11714 check character
            assertThat(Uscc.orgCheckChar(s.uscc().substring(8, 16)))
                    .isEqualTo(s.uscc().charAt(16));
            assertThat(s.uscc().substring(2, 8)).isEqualTo(s.countyCode());
            assertThat(s.permitNo().charAt(21)).isEqualTo(s.isRegistration() ? 'W' : 'P');
            assertThat(numbers.add(s.permitNo())).isTrue();
            assertThat(names.add(s.unitName()))
                    .as("unit names are unique: " + s.unitName())
                    .isTrue();
            assertThat(s.unitName()).endsWith("公司");
        }
    }

    @Test
    void checkCharacterAgreesWithPublishedCodes() {
        // the example in GB 32100-2015 and the permit number in DOMAIN.md
        assertThat(Uscc.isValid("91350100M000100Y43")).isTrue();
        assertThat(Uscc.isValid("91130200699229617X")).isTrue();
        assertThat(Uscc.isValid("91350100M000100Y44")).isFalse();
        assertThat(Uscc.checkChar("91350100M000100Y4")).isEqualTo('3');
    }

    @Test
    void everyCityCategoryAndStatusIsPresentWithRealCounties() {
        assertThat(count(PermitSummary::cityCode).keySet())
                .containsExactlyInAnyOrderElementsOf(
                        ShanxiDivisions.CITIES.stream().map(c -> c.code()).toList());
        for (PermitSummary s : summaries) {
            ShanxiDivisions.City city = ShanxiDivisions.cityOf(s.cityCode());
            assertThat(city.counties().stream().map(c -> c.code())).contains(s.countyCode());
            assertThat(s.provinceCode()).isEqualTo("140000");
            assertThat(s.issuingAuthority()).isEqualTo(city.name() + "行政审批服务管理局");
            assertThat(s.version()).isPositive();
            assertThat(s.updatedAt().getOffset().getTotalSeconds()).isEqualTo(8 * 3600);
        }
        assertThat(count(PermitSummary::managementCategory).keySet()).containsExactlyInAnyOrder("重点管理", "简化管理", "登记管理");
        assertThat(count(PermitSummary::status).keySet()).containsExactlyInAnyOrder("有效", "过期", "撤销", "注销", "吊销");
        assertThat(count(PermitSummary::status).get("有效")).isGreaterThan(summaries.size() / 2);
    }

    @Test
    void keyIndustriesDominateWithCokingFirst() {
        Map<String, Long> byIndustry = count(PermitSummary::industryCode);
        long key = summaries.stream()
                .filter(s -> Industries.byCode(s.industryCode()).key())
                .count();
        assertThat(key).isGreaterThan(summaries.size() / 2);
        String mostCommon = byIndustry.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        assertThat(mostCommon).isEqualTo("2521");
        assertThat(byIndustry)
                .containsKeys("2521", "4411", "4412", "3110", "3120", "3130", "3140", "3011", "2221", "4620");
        for (PermitSummary s : summaries) {
            assertThat(s.industryName())
                    .isEqualTo(Industries.byCode(s.industryCode()).name());
        }
    }

    @Test
    void validityFollowsCategoryAndStatus() {
        for (PermitSummary s : summaries) {
            if (s.isRegistration()) {
                assertThat(s.validFrom()).isNull();
                assertThat(s.validTo()).isNull();
                assertThat(s.status()).isIn("有效", "注销");
                continue;
            }
            assertThat(s.validTo()).isEqualTo(s.validFrom().plusYears(5).minusDays(1));
            if ("有效".equals(s.status())) {
                assertThat(s.validTo()).isAfterOrEqualTo(AS_OF);
            }
            if ("过期".equals(s.status())) {
                assertThat(s.validTo()).isBefore(AS_OF);
                assertThat(s.updatedAt().toLocalDate()).isAfter(s.validTo());
            }
        }
    }

    @Test
    void someMainStacksCarryReducedLimitsDuringHeavyPollutionWarnings() {
        // Issue 19: 重污染天气应对 with 橙色及以上预警期间限产30% on a 重点管理 main air stack lists reduced hourly limits,
        // each 70 % of the stack's normal limit rounded to 0.1 (e.g. 35 → 24.5); 红色预警期间停产 lists none.
        int withLimits = 0;
        for (PlatformPermit p : permits) {
            for (var period : p.detail().specialPeriods()) {
                if (!period.name().equals("重污染天气应对")) {
                    continue;
                }
                if (period.measures().startsWith("红色")) {
                    assertThat(period.limits()).isEmpty();
                }
                for (var limit : period.limits()) {
                    Outlet stack = p.detail().outlets().get(0);
                    assertThat(limit.outletCode()).isEqualTo(stack.outletCode());
                    PollutantLimit normal = stack.pollutants().stream()
                            .filter(l -> l.pollutantCode().equals(limit.pollutantCode()))
                            .findFirst()
                            .orElseThrow();
                    assertThat(limit.hourlyLimit()).isEqualTo(Math.round(normal.hourlyLimit() * 0.7 * 10) / 10.0);
                    withLimits++;
                }
            }
        }
        assertThat(withLimits).isPositive();
    }

    @Test
    void detailsFollowTheIndustryStandardAndCategory() {
        Map<String, String> standardByIndustry = Map.of(
                "2521",
                "GB 16171-2012",
                "4411",
                "GB 13223-2011",
                "3011",
                "GB 4915-2013",
                "3110",
                "GB 28662-2012",
                "2221",
                "GB 3544-2008",
                "4620",
                "GB 18918-2002");
        int keyPlantsChecked = 0;
        for (PlatformPermit p : permits) {
            PermitSummary s = p.summary();
            List<Outlet> outlets = p.detail().outlets();
            assertThat(p.detail().address())
                    .startsWith("山西省" + ShanxiDivisions.cityOf(s.cityCode()).name());
            if (s.isRegistration()) {
                assertThat(outlets).isEmpty();
                continue;
            }
            assertThat(outlets).isNotEmpty();
            for (Outlet o : outlets) {
                assertThat(o.outletCode()).matches(o.medium().equals("废气") ? "DA\\d{3}" : "DW\\d{3}");
                for (PollutantLimit l : o.pollutants()) {
                    assertThat(l.pollutantCode()).matches("[aw]\\d{5}");
                    if (o.medium().equals("废气")) {
                        assertThat(l.hourlyLimit()).isPositive();
                        assertThat(l.unit()).isEqualTo("mg/m3");
                    } else {
                        assertThat(l.dailyLimit()).isPositive();
                        assertThat(l.unit()).isEqualTo("mg/L");
                    }
                    if (o.outletType().equals("一般排放口")) {
                        assertThat(l.annualLimitTons()).isEmpty();
                    }
                }
            }
            boolean key = s.managementCategory().equals("重点管理");
            assertThat(outlets.stream().anyMatch(o -> o.outletType().equals("主要排放口")))
                    .isEqualTo(key);
            Outlet first = outlets.get(0);
            if (key && standardByIndustry.containsKey(s.industryCode())) {
                keyPlantsChecked++;
                assertThat(first.pollutants().get(0).standard()).isEqualTo(standardByIndustry.get(s.industryCode()));
                assertThat(first.pollutants().stream()
                                .filter(l -> !l.annualLimitTons().isEmpty()))
                        .allSatisfy(l -> assertThat(l.annualLimitTons())
                                .hasSize(5)
                                .allSatisfy(t -> assertThat(t).isPositive()));
                assertThat(p.detail().executionReports()).containsExactly("年报", "季报");
            }
            if (s.industryCode().equals("2521") && key) {
                PollutantLimit so2 = first.pollutants().stream()
                        .filter(l -> l.pollutantCode().equals("a21026"))
                        .findFirst()
                        .orElseThrow();
                assertThat(first.outletName()).isEqualTo("焦炉烟囱");
                assertThat(so2.hourlyLimit()).isEqualTo(30.0);
            }
            assertThat(p.detail().selfMonitoring())
                    .hasSize(outlets.stream()
                            .mapToInt(o -> o.pollutants().size())
                            .sum());
        }
        assertThat(keyPlantsChecked).isGreaterThan(100);
    }

    /**
     * 《固定污染源排污许可分类管理名录（2019年版）》: coking 2521, thermal power 4411/4412, ironmaking 3110, steelmaking
     * 3120, ferroalloy 3140, pulp 2211/2212 and machine-made paper 2221 are 重点管理 as a whole class; cement 3011 is
     * 重点 (clinker) or 简化 (grinding station), never 登记; municipal sewage 4620 splits by capacity.
     */
    @Test
    void managementCategoriesFollowTheDirectory2019() {
        Set<String> allKey = Set.of("2521", "4411", "4412", "3110", "3120", "3140", "2211", "2212", "2221");
        Map<String, Set<String>> categories = new HashMap<>();
        for (PermitSummary s : summaries) {
            categories.computeIfAbsent(s.industryCode(), k -> new HashSet<>()).add(s.managementCategory());
        }
        for (String code : allKey) {
            assertThat(categories.get(code)).as("名录 category of %s", code).containsExactly("重点管理");
        }
        assertThat(categories.get("3011")).containsExactlyInAnyOrder("重点管理", "简化管理");
        assertThat(categories.get("4620")).containsExactlyInAnyOrder("重点管理", "简化管理", "登记管理");
        assertThat(categories.get("2223")).doesNotContain("重点管理");
    }

    /** Every outlet of the seven key industries cites its own industry's standard, never another industry's. */
    @Test
    void everyKeyIndustryOutletCitesItsOwnIndustrysStandard() {
        Map<String, Set<String>> allowed = Map.ofEntries(
                Map.entry("2521", Set.of("GB 16171-2012")),
                // 输煤 dust and 脱硫废水 are outside GB 13223 (boiler flue gas only): GB 16297 / GB 8978 apply.
                Map.entry("4411", Set.of("GB 13223-2011", "GB 16297-1996", "GB 8978-1996")),
                Map.entry("4412", Set.of("GB 13223-2011", "GB 16297-1996", "GB 8978-1996")),
                Map.entry("3110", Set.of("GB 28662-2012", "GB 28663-2012")),
                Map.entry("3120", Set.of("GB 28664-2012")),
                Map.entry("3130", Set.of("GB 28665-2012")),
                Map.entry("3140", Set.of("GB 28666-2012")),
                Map.entry("3011", Set.of("GB 4915-2013")),
                Map.entry("2221", Set.of("GB 3544-2008", "GB 13271-2014")),
                Map.entry("4620", Set.of("GB 18918-2002", "GB 14554-1993")));
        int checked = 0;
        for (PlatformPermit p : permits) {
            Set<String> ok = allowed.get(p.summary().industryCode());
            if (ok == null) {
                continue;
            }
            for (Outlet o : p.detail().outlets()) {
                for (PollutantLimit l : o.pollutants()) {
                    assertThat(l.standard())
                            .as("%s %s %s", p.summary().industryCode(), o.outletName(), l.pollutantCode())
                            .isIn(ok);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(1_000);
    }

    /**
     * A 重点管理 sewage works treats at least 20,000 t/d (名录), so its COD tonnage is at least
     * 50 mg/L × 20,000 t/d × 365 d / 1e6 = 365 t, times the generator's factor ≥ 0.85 → ≥ 310.25 t; a 简化管理
     * one treats less than 20,000 t/d from a general outlet (no tonnage), and a cement grinding station (简化) has no kiln.
     */
    @Test
    void plantSizeAndProcessFollowTheCategory() {
        int keySewage = 0;
        for (PlatformPermit p : permits) {
            PermitSummary s = p.summary();
            if (s.industryCode().equals("4620") && s.managementCategory().equals("重点管理")) {
                PollutantLimit cod = p.detail().outlets().get(0).pollutants().stream()
                        .filter(l -> l.pollutantCode().equals("w01018"))
                        .findFirst()
                        .orElseThrow();
                assertThat(cod.dailyLimit()).isEqualTo(50.0);
                assertThat(cod.annualLimitTons()).allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(310.2));
                keySewage++;
            }
            if (s.industryCode().equals("4620") && s.managementCategory().equals("简化管理")) {
                assertThat(p.detail().outlets())
                        .allSatisfy(o -> assertThat(o.outletType()).isEqualTo("一般排放口"));
            }
            if (s.industryCode().equals("3011") && s.managementCategory().equals("简化管理")) {
                assertThat(p.detail().outlets()).extracting(Outlet::outletName).doesNotContain("窑尾排气筒", "窑头排气筒");
                assertThat(p.detail().outlets().get(0).pollutants().get(0).hourlyLimit())
                        .isEqualTo(10.0);
            }
        }
        assertThat(keySewage).isPositive();
    }

    private static Map<String, Long> count(Function<PermitSummary, String> key) {
        Map<String, Long> m = new HashMap<>();
        summaries.forEach(s -> m.merge(key.apply(s), 1L, Long::sum));
        return m;
    }
}
