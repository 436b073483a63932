package org.permitwatch.mock.dataset;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.permitwatch.mock.dataset.Industries.Industry;
import org.permitwatch.mock.dataset.PermitDetail.FugitiveControl;
import org.permitwatch.mock.dataset.PermitDetail.Outlet;
import org.permitwatch.mock.dataset.PermitDetail.PollutantLimit;
import org.permitwatch.mock.dataset.PermitDetail.SelfMonitoring;
import org.permitwatch.mock.dataset.PermitDetail.SpecialLimit;
import org.permitwatch.mock.dataset.PermitDetail.SpecialPeriod;
import org.permitwatch.mock.dataset.ShanxiDivisions.City;
import org.permitwatch.mock.dataset.ShanxiDivisions.County;

/**
 * Deterministic generator of Shanxi permit holders. Every permit is derived from (seed, ordinal) alone,
 * except unit-name uniqueness, which needs the names taken so far; details are derived from a per-permit
 * seed and a revision on demand, so 100,000 permits cost only their summaries in memory.
 */
final class DatasetGenerator {

    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    /** Generated data is "as of" this instant so that the same seed gives the same data on any day. */
    static final OffsetDateTime AS_OF = OffsetDateTime.of(2026, 11, 20, 0, 0, 0, 0, CHINA);

    private static final String TRADE_CHARS = "鑫盛泰恒隆晋宏源通达兴华昌福瑞丰祥安德新金鼎宇博远润嘉益汇信诚和富凯峰旺利荣辉光明东方海天正元永建国龙鹏腾飞";
    private static final String SURNAMES =
            "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟段雷钱汤尹武乔贺";
    private static final String GIVEN = "建国志强伟军平红明华丽芳海涛勇杰斌鹏磊超刚鑫晋文东亮峰敏静燕霞俊瑞宇林波辉永春生成庆荣宏";
    private static final String[] LEGAL_FORMS = {"有限公司", "有限责任公司", "股份有限公司", "集团有限公司"};
    private static final int[] LEGAL_FORM_WEIGHTS = {60, 25, 8, 7};
    private static final long ORG_SPACE = 887_503_681L; // 31^6: six base-31 characters of the organisation code

    private final long seed;

    DatasetGenerator(long seed) {
        this.seed = seed;
    }

    /** A generated permit before any mutation. */
    StoredPermit generate(int ordinal, Set<String> takenNames) {
        SplittableRandom r = new SplittableRandom(mix(seed, ordinal));
        City city = pickCity(r);
        County county = city.counties().get(r.nextInt(city.counties().size()));
        Industry industry = pickIndustry(r);
        String category = pickCategory(r, industry);
        boolean registration = PermitSummary.CATEGORY_REGISTRATION.equals(category);
        String status = pickStatus(r, registration);

        String uscc = uscc(ordinal, county.code());
        String seq = r.nextInt(100) < 95 ? "001" : "002";
        String permitNo = uscc + seq + (registration ? 'W' : 'P');
        String unitName = uniqueName(r, city, county, industry, takenNames);

        LocalDate issue;
        LocalDate from = null;
        LocalDate to = null;
        LocalDate changedOn;
        if (registration) {
            issue = randomDate(r, LocalDate.of(2020, 3, 1), LocalDate.of(2026, 10, 31));
            changedOn = issue;
        } else {
            issue = switch (status) {
                case PermitSummary.STATUS_VALID ->
                    randomDate(
                            r,
                            AS_OF.toLocalDate().minusYears(5).plusDays(1),
                            AS_OF.toLocalDate().minusDays(10));
                case PermitSummary.STATUS_EXPIRED -> randomDate(r, LocalDate.of(2017, 6, 1), LocalDate.of(2021, 11, 1));
                default -> randomDate(r, LocalDate.of(2018, 1, 1), LocalDate.of(2026, 6, 30));
            };
            from = issue;
            to = issue.plusYears(5).minusDays(1);
            changedOn = PermitSummary.STATUS_EXPIRED.equals(status) ? to.plusDays(1) : issue;
        }
        OffsetDateTime updatedAt = randomInstant(r, changedOn, AS_OF);
        int version = 1 + r.nextInt(6);
        PermitSummary summary = new PermitSummary(
                permitNo,
                uscc,
                unitName,
                ShanxiDivisions.PROVINCE_CODE,
                city.code(),
                county.code(),
                industry.code(),
                industry.name(),
                category,
                status,
                issue,
                from,
                to,
                city.issuingAuthority(),
                version,
                updatedAt);
        return new StoredPermit(summary, mix(seed ^ 0x5DEECE66DL, ordinal), 0);
    }

    /** A permit newly issued at {@code now}: status 有效, version 1. */
    StoredPermit generateNew(int ordinal, Set<String> takenNames, OffsetDateTime now) {
        StoredPermit base = generate(ordinal, takenNames);
        PermitSummary s = base.summary();
        LocalDate today = now.toLocalDate();
        boolean registration = s.isRegistration();
        PermitSummary fresh = new PermitSummary(
                s.permitNo(),
                s.uscc(),
                s.unitName(),
                s.provinceCode(),
                s.cityCode(),
                s.countyCode(),
                s.industryCode(),
                s.industryName(),
                s.managementCategory(),
                PermitSummary.STATUS_VALID,
                today,
                registration ? null : today,
                registration ? null : today.plusYears(5).minusDays(1),
                s.issuingAuthority(),
                1,
                now);
        return new StoredPermit(fresh, base.detailSeed(), 0);
    }

    /** The detail of a permit; stable parts come from {@code detailSeed}, changeable parts also from the revision. */
    PermitDetail detail(StoredPermit permit) {
        PermitSummary s = permit.summary();
        SplittableRandom r = new SplittableRandom(permit.detailSeed());
        SplittableRandom rev = new SplittableRandom(mix(permit.detailSeed(), 1_000_003L + permit.revision()));
        City city = ShanxiDivisions.cityOf(s.cityCode());
        County county = ShanxiDivisions.countyOf(s.countyCode());
        String address = "山西省" + city.name() + county.name() + street(r);
        String legal =
                pickChar(rev, SURNAMES) + pickChar(rev, GIVEN) + (rev.nextInt(100) < 70 ? pickChar(rev, GIVEN) : "");
        double lon = round(city.longitude() + (r.nextDouble() - 0.5) * 0.7, 6);
        double lat = round(city.latitude() + (r.nextDouble() - 0.5) * 0.7, 6);
        if (s.isRegistration()) {
            return new PermitDetail(address, legal, lon, lat, List.of(), List.of(), List.of(), List.of(), List.of());
        }
        boolean keyManaged = PermitSummary.CATEGORY_KEY.equals(s.managementCategory());
        OutletTemplates.ProfileTemplate profile =
                OutletTemplates.of(Industries.byCode(s.industryCode()).profileFor(s.managementCategory()));

        List<Outlet> outlets = new ArrayList<>();
        List<SelfMonitoring> monitoring = new ArrayList<>();
        int air = 0;
        int water = 0;
        for (int t = 0; t < profile.outlets().size(); t++) {
            OutletTemplates.Template tpl = profile.outlets().get(t);
            boolean include = t == 0 || r.nextInt(100) < 75;
            if (!include) {
                continue;
            }
            boolean main = keyManaged && tpl.mainOutlet();
            boolean isAir = OutletTemplates.AIR.equals(tpl.medium());
            String code = isAir ? outletCode("DA", ++air) : outletCode("DW", ++water);
            double flow = tpl.minFlow() + r.nextDouble() * (tpl.maxFlow() - tpl.minFlow());
            List<PollutantLimit> limits = new ArrayList<>();
            for (OutletTemplates.Pollutant p : tpl.pollutants()) {
                List<Double> tons =
                        main && isTonnagePollutant(p.code()) ? annualTons(p.limit(), flow, isAir, rev) : List.of();
                limits.add(new PollutantLimit(
                        p.code(),
                        p.name(),
                        isAir ? p.limit() : null,
                        isAir ? null : p.limit(),
                        isAir ? "mg/m3" : "mg/L",
                        tons,
                        p.standard()));
                monitoring.add(
                        main
                                ? new SelfMonitoring(code, p.code(), "自动", "连续", true)
                                : new SelfMonitoring(code, p.code(), "手工", isAir ? "1次/半年" : "1次/季度", false));
            }
            outlets.add(new Outlet(code, tpl.name(), tpl.medium(), main ? "主要排放口" : "一般排放口", List.copyOf(limits)));
        }
        List<FugitiveControl> fugitive = profile.fugitive().stream()
                .map(f -> new FugitiveControl(f[0], f[1]))
                .toList();
        List<String> reports = keyManaged ? List.of("年报", "季报") : List.of("年报");
        List<SpecialPeriod> special = new ArrayList<>();
        if (profile.heavyPollutionWeather()) {
            String measures = r.nextBoolean() ? "橙色及以上预警期间限产30%" : "红色预警期间停产";
            Outlet first = outlets.get(0);
            List<SpecialLimit> duringWarning = List.of();
            if (keyManaged
                    && measures.startsWith("橙色")
                    && "主要排放口".equals(first.outletType())
                    && OutletTemplates.AIR.equals(first.medium())) {
                // Some permits also write reduced hourly limits for the main stack while a warning is in force (issue
                // 19): 70 % of the normal limit here. Derived without a random draw so the rest of the dataset stays
                // as it was.
                duringWarning = first.pollutants().stream()
                        .filter(p -> p.hourlyLimit() != null)
                        .map(p -> new SpecialLimit(
                                first.outletCode(), p.pollutantCode(), round(p.hourlyLimit() * 0.7, 1), p.unit()))
                        .toList();
            }
            special.add(new SpecialPeriod("重污染天气应对", measures, duringWarning));
            if (keyManaged && "主要排放口".equals(first.outletType()) && OutletTemplates.AIR.equals(first.medium())) {
                // Heating-season off-peak production: the permit writes tighter hourly limits for the main stack.
                List<SpecialLimit> tighter = first.pollutants().stream()
                        .map(p -> new SpecialLimit(
                                first.outletCode(), p.pollutantCode(), round(p.hourlyLimit() * 0.8, 1), p.unit()))
                        .toList();
                special.add(new SpecialPeriod("采暖季错峰生产", "11月15日至次年3月15日执行加严限值", tighter));
            }
        }
        return new PermitDetail(
                address,
                legal,
                lon,
                lat,
                List.copyOf(outlets),
                fugitive,
                List.copyOf(monitoring),
                reports,
                List.copyOf(special));
    }

    private static String outletCode(String prefix, int n) {
        return prefix + (n < 10 ? "00" : n < 100 ? "0" : "") + n;
    }

    private static boolean isTonnagePollutant(String code) {
        return switch (code) {
            case "a21026", "a21002", "a34013", "a24088", "w01018", "w21003", "w21001", "w21011" -> true;
            default -> false;
        };
    }

    /** Tonnage = limit × flow × operating time: 8,000 h/a at m3/h for air, 365 d at t/d for water. */
    private static List<Double> annualTons(double limit, double flow, boolean air, SplittableRandom rev) {
        double factor = 0.85 + rev.nextDouble() * 0.15;
        double tons = air ? limit * flow * 8000 / 1e9 : limit * flow * 365 / 1e6;
        double value = Math.max(0.1, round(tons * factor, 1));
        return List.of(value, value, value, value, value);
    }

    private String uscc(int ordinal, String countyCode) {
        long scrambled = Math.floorMod(1_000_003L * (ordinal + 1L) + Math.floorMod(seed, ORG_SPACE), ORG_SPACE);
        StringBuilder org = new StringBuilder("MA");
        char[] digits = new char[6];
        for (int i = 5; i >= 0; i--) {
            digits[i] = Uscc.CHARSET.charAt((int) (scrambled % 31));
            scrambled /= 31;
        }
        org.append(digits);
        String orgCode = org + String.valueOf(Uscc.orgCheckChar(org.toString()));
        // 9 = registered by market regulation, 1 = enterprise
        String first17 = "91" + countyCode + orgCode;
        return first17 + Uscc.checkChar(first17);
    }

    private static String uniqueName(
            SplittableRandom r, City city, County county, Industry industry, Set<String> taken) {
        for (int attempt = 0; ; attempt++) {
            String prefix;
            int p = r.nextInt(100);
            String countyShort = county.name().length() > 2
                    ? county.name().substring(0, county.name().length() - 1)
                    : null;
            if (p < 40) {
                prefix = "山西";
            } else if (p < 75 || countyShort == null) {
                prefix = city.name().substring(0, city.name().length() - 1);
            } else {
                prefix = countyShort;
            }
            String word = pickChar(r, TRADE_CHARS) + pickChar(r, TRADE_CHARS);
            if (attempt > 20) {
                word += pickChar(r, TRADE_CHARS);
            }
            String form = LEGAL_FORMS[weighted(r, LEGAL_FORM_WEIGHTS)];
            String name = prefix + word + industry.tradeTag() + form;
            if (taken.add(name)) {
                return name;
            }
        }
    }

    private static String street(SplittableRandom r) {
        String w = pickChar(r, TRADE_CHARS) + pickChar(r, TRADE_CHARS);
        int kind = r.nextInt(10);
        if (kind < 4) {
            return w + "路" + (1 + r.nextInt(300)) + "号";
        }
        if (kind < 7) {
            return w + "镇" + pickChar(r, TRADE_CHARS) + pickChar(r, TRADE_CHARS) + "村";
        }
        return w + "工业园区";
    }

    private static City pickCity(SplittableRandom r) {
        int total = ShanxiDivisions.CITIES.stream().mapToInt(City::weight).sum();
        int x = r.nextInt(total);
        for (City c : ShanxiDivisions.CITIES) {
            x -= c.weight();
            if (x < 0) {
                return c;
            }
        }
        throw new IllegalStateException();
    }

    private static Industry pickIndustry(SplittableRandom r) {
        int x = r.nextInt(Industries.TOTAL_WEIGHT);
        for (Industry i : Industries.ALL) {
            x -= i.weight();
            if (x < 0) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    /** The 名录 2019 split of the industry; always one {@code nextInt(100)}, whatever the split. */
    private static String pickCategory(SplittableRandom r, Industry industry) {
        return switch (weighted(r, industry.categories().weights())) {
            case 0 -> PermitSummary.CATEGORY_KEY;
            case 1 -> PermitSummary.CATEGORY_SIMPLIFIED;
            default -> PermitSummary.CATEGORY_REGISTRATION;
        };
    }

    private static String pickStatus(SplittableRandom r, boolean registration) {
        if (registration) {
            return r.nextInt(100) < 90 ? PermitSummary.STATUS_VALID : PermitSummary.STATUS_CANCELLED;
        }
        return switch (weighted(r, new int[] {82, 7, 3, 5, 3})) {
            case 0 -> PermitSummary.STATUS_VALID;
            case 1 -> PermitSummary.STATUS_EXPIRED;
            case 2 -> PermitSummary.STATUS_REVOKED;
            case 3 -> PermitSummary.STATUS_CANCELLED;
            default -> PermitSummary.STATUS_WITHDRAWN;
        };
    }

    private static int weighted(SplittableRandom r, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        throw new IllegalStateException();
    }

    private static LocalDate randomDate(SplittableRandom r, LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        return days <= 0 ? from : from.plusDays(r.nextLong(days + 1));
    }

    private static OffsetDateTime randomInstant(SplittableRandom r, LocalDate notBefore, OffsetDateTime notAfter) {
        OffsetDateTime start = OffsetDateTime.of(notBefore, LocalTime.of(8, 0), CHINA);
        long span = notAfter.toEpochSecond() - start.toEpochSecond();
        if (span <= 0) {
            return notAfter.minusSeconds(1 + r.nextInt(86_400));
        }
        return start.plusSeconds(r.nextLong(span));
    }

    private static String pickChar(SplittableRandom r, String chars) {
        int i = r.nextInt(chars.length());
        return chars.substring(i, i + 1);
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
