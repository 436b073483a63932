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
    List<PlatformPermit> again = new PermitStore(42L, 2_000, Clock.systemUTC()).snapshot().stream().toList();
    assertThat(again).isEqualTo(permits);
    List<PermitSummary> other = new PermitStore(43L, 2_000, Clock.systemUTC()).snapshot().summaries();
    assertThat(other.stream().map(PermitSummary::permitNo).collect(Collectors.toSet()))
        .doesNotContainAnyElementsOf(summaries.stream().map(PermitSummary::permitNo).toList());
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
      assertThat(Uscc.orgCheckChar(s.uscc().substring(8, 16))).isEqualTo(s.uscc().charAt(16));
      assertThat(s.uscc().substring(2, 8)).isEqualTo(s.countyCode());
      assertThat(s.permitNo().charAt(21)).isEqualTo(s.isRegistration() ? 'W' : 'P');
      assertThat(numbers.add(s.permitNo())).isTrue();
      assertThat(names.add(s.unitName())).as("unit names are unique: " + s.unitName()).isTrue();
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
        .containsExactlyInAnyOrderElementsOf(ShanxiDivisions.CITIES.stream().map(c -> c.code()).toList());
    for (PermitSummary s : summaries) {
      ShanxiDivisions.City city = ShanxiDivisions.cityOf(s.cityCode());
      assertThat(city.counties().stream().map(c -> c.code())).contains(s.countyCode());
      assertThat(s.provinceCode()).isEqualTo("140000");
      assertThat(s.issuingAuthority()).isEqualTo(city.name() + "行政审批服务管理局");
      assertThat(s.version()).isPositive();
      assertThat(s.updatedAt().getOffset().getTotalSeconds()).isEqualTo(8 * 3600);
    }
    assertThat(count(PermitSummary::managementCategory).keySet())
        .containsExactlyInAnyOrder("重点管理", "简化管理", "登记管理");
    assertThat(count(PermitSummary::status).keySet()).containsExactlyInAnyOrder("有效", "过期", "撤销", "注销", "吊销");
    assertThat(count(PermitSummary::status).get("有效")).isGreaterThan(summaries.size() / 2);
  }

  @Test
  void keyIndustriesDominateWithCokingFirst() {
    Map<String, Long> byIndustry = count(PermitSummary::industryCode);
    long key = summaries.stream().filter(s -> Industries.byCode(s.industryCode()).key()).count();
    assertThat(key).isGreaterThan(summaries.size() / 2);
    String mostCommon = byIndustry.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertThat(mostCommon).isEqualTo("2521");
    assertThat(byIndustry).containsKeys("2521", "4411", "4412", "3110", "3120", "3130", "3140", "3011", "2221", "4620");
    for (PermitSummary s : summaries) {
      assertThat(s.industryName()).isEqualTo(Industries.byCode(s.industryCode()).name());
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
  void detailsFollowTheIndustryStandardAndCategory() {
    Map<String, String> standardByIndustry = Map.of("2521", "GB 16171-2012", "4411", "GB 13223-2011",
        "3011", "GB 4915-2013", "3110", "GB 28662-2012", "2221", "GB 3544-2008", "4620", "GB 18918-2002");
    int keyPlantsChecked = 0;
    for (PlatformPermit p : permits) {
      PermitSummary s = p.summary();
      List<Outlet> outlets = p.detail().outlets();
      assertThat(p.detail().address()).startsWith("山西省" + ShanxiDivisions.cityOf(s.cityCode()).name());
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
        assertThat(first.pollutants().stream().filter(l -> !l.annualLimitTons().isEmpty()))
            .allSatisfy(l -> assertThat(l.annualLimitTons()).hasSize(5).allSatisfy(t -> assertThat(t).isPositive()));
        assertThat(p.detail().executionReports()).containsExactly("年报", "季报");
      }
      if (s.industryCode().equals("2521") && key) {
        PollutantLimit so2 = first.pollutants().stream().filter(l -> l.pollutantCode().equals("a21026")).findFirst()
            .orElseThrow();
        assertThat(first.outletName()).isEqualTo("焦炉烟囱");
        assertThat(so2.hourlyLimit()).isEqualTo(30.0);
      }
      assertThat(p.detail().selfMonitoring()).hasSize(outlets.stream().mapToInt(o -> o.pollutants().size()).sum());
    }
    assertThat(keyPlantsChecked).isGreaterThan(100);
  }

  private static Map<String, Long> count(Function<PermitSummary, String> key) {
    Map<String, Long> m = new HashMap<>();
    summaries.forEach(s -> m.merge(key.apply(s), 1L, Long::sum));
    return m;
  }
}
