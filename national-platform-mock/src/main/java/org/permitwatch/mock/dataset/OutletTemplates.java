package org.permitwatch.mock.dataset;

import java.util.List;
import java.util.Map;
import org.permitwatch.mock.dataset.Industries.Profile;

/**
 * Outlets a plant of each profile typically has, with the limit values of the standard that governs
 * them. Shanxi lies in the 汾渭平原/"2+26" key regions, so air limits are the standards' special
 * emission limits (特别排放限值) where a standard defines them.
 */
final class OutletTemplates {

    static final String AIR = "废气";
    static final String WATER = "废水";

    record Pollutant(String code, String name, double limit, String standard) {}

    /**
     * @param mainOutlet whether a 重点管理 plant declares it a 主要排放口
     * @param minFlow    air m3/h or water t/d; used to derive annual tonnage from the limit
     */
    record Template(
            String medium,
            String name,
            boolean mainOutlet,
            double minFlow,
            double maxFlow,
            List<Pollutant> pollutants) {}

    record ProfileTemplate(List<Template> outlets, List<String[]> fugitive, boolean heavyPollutionWeather) {}

    static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("a21026", "二氧化硫"),
            Map.entry("a21002", "氮氧化物"),
            Map.entry("a34013", "颗粒物"),
            Map.entry("a24088", "非甲烷总烃"),
            Map.entry("a21001", "氨（氨气）"),
            Map.entry("w01018", "化学需氧量"),
            Map.entry("w21003", "氨氮"),
            Map.entry("w21011", "总磷"),
            Map.entry("w21001", "总氮"),
            Map.entry("w01012", "悬浮物"),
            Map.entry("w01001", "pH值"));

    private static final String COKING = "GB 16171-2012";
    private static final String POWER = "GB 13223-2011";
    private static final String CEMENT = "GB 4915-2013";
    private static final String SINTER = "GB 28662-2012";
    private static final String IRON = "GB 28663-2012";
    private static final String STEEL = "GB 28664-2012";
    private static final String ROLLING = "GB 28665-2012";
    private static final String FERRO = "GB 28666-2012";
    private static final String PAPER = "GB 3544-2008";
    private static final String SEWAGE = "GB 18918-2002";
    private static final String COAL = "GB 20426-2006";
    private static final String BOILER = "GB 13271-2014";
    private static final String INTEGRATED_AIR = "GB 16297-1996";
    private static final String INTEGRATED_WATER = "GB 8978-1996";

    private OutletTemplates() {}

    private static final Map<Profile, ProfileTemplate> BY_PROFILE = new java.util.EnumMap<>(Profile.class);

    static {
        for (Profile p : Profile.values()) {
            BY_PROFILE.put(p, build(p));
        }
    }

    static ProfileTemplate of(Profile profile) {
        return BY_PROFILE.get(profile);
    }

    private static ProfileTemplate build(Profile profile) {
        return switch (profile) {
            case COKING ->
                new ProfileTemplate(
                        List.of(
                                air(
                                        "焦炉烟囱",
                                        true,
                                        150_000,
                                        400_000,
                                        p("a34013", 15, COKING),
                                        p("a21026", 30, COKING),
                                        p("a21002", 150, COKING)),
                                air(
                                        "装煤地面站排气筒",
                                        true,
                                        80_000,
                                        200_000,
                                        p("a34013", 30, COKING),
                                        p("a21026", 70, COKING)),
                                air(
                                        "推焦地面站排气筒",
                                        true,
                                        150_000,
                                        300_000,
                                        p("a34013", 30, COKING),
                                        p("a21026", 30, COKING)),
                                air(
                                        "干法熄焦排气筒",
                                        false,
                                        50_000,
                                        120_000,
                                        p("a34013", 30, COKING),
                                        p("a21026", 80, COKING)),
                                air(
                                        "管式炉排气筒",
                                        false,
                                        20_000,
                                        60_000,
                                        p("a34013", 15, COKING),
                                        p("a21026", 30, COKING),
                                        p("a21002", 150, COKING)),
                                water("废水总排口", false, 500, 3_000, p("w01018", 40, COKING), p("w21003", 5, COKING))),
                        List.<String[]>of(
                                new String[] {"煤场", "全封闭煤棚"},
                                new String[] {"焦炉炉顶", "密闭装煤、炉门负压密封"},
                                new String[] {"化产回收区", "VOCs收集后送焦炉燃烧处理"}),
                        true);
            case POWER ->
                new ProfileTemplate(
                        List.of(
                                air(
                                        "1#锅炉烟囱",
                                        true,
                                        800_000,
                                        2_000_000,
                                        p("a34013", 20, POWER),
                                        p("a21026", 50, POWER),
                                        p("a21002", 100, POWER)),
                                air(
                                        "2#锅炉烟囱",
                                        true,
                                        800_000,
                                        2_000_000,
                                        p("a34013", 20, POWER),
                                        p("a21026", 50, POWER),
                                        p("a21002", 100, POWER)),
                                air("输煤转运站排气筒", false, 10_000, 40_000, p("a34013", 120, INTEGRATED_AIR)),
                                water(
                                        "脱硫废水排放口",
                                        false,
                                        100,
                                        600,
                                        p("w01018", 100, INTEGRATED_WATER),
                                        p("w01012", 70, INTEGRATED_WATER))),
                        List.<String[]>of(new String[] {"煤场", "全封闭条形煤场"}, new String[] {"灰库", "密闭罐车运输"}),
                        true);
            case CEMENT ->
                new ProfileTemplate(
                        List.of(
                                air(
                                        "窑尾排气筒",
                                        true,
                                        300_000,
                                        700_000,
                                        p("a34013", 20, CEMENT),
                                        p("a21026", 100, CEMENT),
                                        p("a21002", 320, CEMENT),
                                        p("a21001", 8, CEMENT)),
                                air("窑头排气筒", true, 200_000, 500_000, p("a34013", 20, CEMENT)),
                                air("水泥磨排气筒", false, 50_000, 150_000, p("a34013", 10, CEMENT)),
                                air("煤磨排气筒", false, 30_000, 80_000, p("a34013", 20, CEMENT))),
                        List.<String[]>of(new String[] {"原料堆场", "全封闭储库"}, new String[] {"熟料库", "密闭输送、库顶除尘"}),
                        true);
            // 水泥粉磨站 (简化管理 under the 名录): no kiln, only mills and packing, all 颗粒物 of GB 4915 表2.
            case CEMENT_GRINDING ->
                new ProfileTemplate(
                        List.of(
                                air("水泥磨排气筒", false, 50_000, 150_000, p("a34013", 10, CEMENT)),
                                air("包装机排气筒", false, 10_000, 40_000, p("a34013", 10, CEMENT))),
                        List.<String[]>of(new String[] {"熟料库", "密闭储库、库顶除尘"}, new String[] {"散装", "密闭散装、收尘"}),
                        true);
            case IRONMAKING ->
                new ProfileTemplate(
                        List.of(
                                air(
                                        "烧结机头排气筒",
                                        true,
                                        500_000,
                                        1_500_000,
                                        p("a34013", 40, SINTER),
                                        p("a21026", 180, SINTER),
                                        p("a21002", 300, SINTER)),
                                air("烧结机尾排气筒", true, 300_000, 800_000, p("a34013", 20, SINTER)),
                                air("高炉出铁场排气筒", false, 300_000, 700_000, p("a34013", 15, IRON)),
                                air(
                                        "高炉热风炉排气筒",
                                        false,
                                        200_000,
                                        500_000,
                                        p("a34013", 15, IRON),
                                        p("a21026", 100, IRON),
                                        p("a21002", 300, IRON))),
                        List.<String[]>of(new String[] {"原料场", "全封闭料棚"}, new String[] {"皮带转运", "密闭并配套除尘"}),
                        true);
            case STEELMAKING ->
                new ProfileTemplate(
                        List.of(
                                air("转炉二次烟气排气筒", true, 500_000, 1_200_000, p("a34013", 15, STEEL)),
                                air("转炉一次烟气排气筒", true, 100_000, 300_000, p("a34013", 50, STEEL)),
                                air("电炉排气筒", false, 300_000, 800_000, p("a34013", 15, STEEL))),
                        List.<String[]>of(new String[] {"钢渣处理", "封闭车间、喷淋抑尘"}),
                        true);
            case ROLLING ->
                new ProfileTemplate(
                        List.of(
                                air(
                                        "加热炉排气筒",
                                        true,
                                        50_000,
                                        200_000,
                                        p("a34013", 15, ROLLING),
                                        p("a21026", 150, ROLLING),
                                        p("a21002", 300, ROLLING)),
                                air("精轧机排气筒", false, 50_000, 150_000, p("a34013", 20, ROLLING)),
                                water(
                                        "轧钢废水排放口",
                                        false,
                                        200,
                                        1_500,
                                        p("w01018", 50, ROLLING),
                                        p("w01012", 30, ROLLING))),
                        List.<String[]>of(new String[] {"氧化铁皮堆场", "封闭存放"}),
                        true);
            case FERROALLOY ->
                new ProfileTemplate(
                        List.of(
                                air("矿热炉排气筒", true, 100_000, 400_000, p("a34013", 30, FERRO)),
                                air("原料破碎排气筒", false, 20_000, 60_000, p("a34013", 30, FERRO))),
                        List.<String[]>of(new String[] {"原料堆场", "全封闭料棚"}),
                        true);
            case PAPER ->
                new ProfileTemplate(
                        List.of(
                                water(
                                        "废水总排口",
                                        true,
                                        2_000,
                                        20_000,
                                        p("w01018", 50, PAPER),
                                        p("w21003", 5, PAPER),
                                        p("w21001", 10, PAPER),
                                        p("w21011", 0.5, PAPER)),
                                air(
                                        "锅炉排气筒",
                                        false,
                                        30_000,
                                        100_000,
                                        p("a34013", 20, BOILER),
                                        p("a21026", 50, BOILER),
                                        p("a21002", 150, BOILER))),
                        List.<String[]>of(new String[] {"污水处理站", "加盖密闭、臭气收集处理"}),
                        false);
            case SEWAGE ->
                new ProfileTemplate(
                        List.of(
                                // 名录: a municipal works is 重点管理 from 20,000 t/d; the flow range stays on that side of
                                // the line.
                                water(
                                        "污水处理厂总排口",
                                        true,
                                        20_000,
                                        200_000,
                                        p("w01018", 50, SEWAGE),
                                        p("w21003", 5, SEWAGE),
                                        p("w21001", 15, SEWAGE),
                                        p("w21011", 0.5, SEWAGE)),
                                air("除臭系统排气筒", false, 10_000, 50_000, p("a21001", 4.9, "GB 14554-1993"))),
                        List.<String[]>of(new String[] {"污泥脱水间", "密闭、负压收集除臭"}),
                        false);
            // 简化管理 municipal works: 500 t/d up to (not including) 20,000 t/d; same GB 18918 一级A limits.
            case SEWAGE_SMALL ->
                new ProfileTemplate(
                        List.of(water(
                                "污水处理厂总排口",
                                false,
                                500,
                                19_999,
                                p("w01018", 50, SEWAGE),
                                p("w21003", 5, SEWAGE),
                                p("w21001", 15, SEWAGE),
                                p("w21011", 0.5, SEWAGE))),
                        List.<String[]>of(new String[] {"污泥脱水间", "密闭、负压收集除臭"}),
                        false);
            case COAL_MINING ->
                new ProfileTemplate(
                        List.of(
                                water("矿井水排放口", true, 1_000, 10_000, p("w01018", 50, COAL), p("w01012", 50, COAL)),
                                air("筛分破碎排气筒", false, 20_000, 80_000, p("a34013", 80, COAL))),
                        List.<String[]>of(new String[] {"储煤场", "全封闭储煤棚"}, new String[] {"矸石场", "分层碾压、覆土绿化"}),
                        false);
            case CHEMICAL ->
                new ProfileTemplate(
                        List.of(
                                air(
                                        "工艺废气排气筒",
                                        true,
                                        20_000,
                                        100_000,
                                        p("a24088", 120, INTEGRATED_AIR),
                                        p("a34013", 120, INTEGRATED_AIR)),
                                air(
                                        "锅炉排气筒",
                                        false,
                                        30_000,
                                        150_000,
                                        p("a34013", 30, BOILER),
                                        p("a21026", 200, BOILER),
                                        p("a21002", 200, BOILER)),
                                water(
                                        "废水总排口",
                                        true,
                                        500,
                                        5_000,
                                        p("w01018", 100, INTEGRATED_WATER),
                                        p("w21003", 15, INTEGRATED_WATER))),
                        List.<String[]>of(new String[] {"储罐区", "内浮顶罐、油气回收"}, new String[] {"装卸区", "密闭装卸"}),
                        true);
            case BOILER ->
                new ProfileTemplate(
                        List.of(
                                air(
                                        "锅炉排气筒",
                                        true,
                                        20_000,
                                        200_000,
                                        p("a34013", 30, BOILER),
                                        p("a21026", 200, BOILER),
                                        p("a21002", 200, BOILER)),
                                air("生产线排气筒", false, 10_000, 60_000, p("a34013", 120, INTEGRATED_AIR)),
                                water(
                                        "生产废水排放口",
                                        false,
                                        50,
                                        500,
                                        p("w01018", 100, INTEGRATED_WATER),
                                        p("w21003", 15, INTEGRATED_WATER))),
                        List.<String[]>of(new String[] {"物料堆场", "防尘网苫盖、喷淋抑尘"}),
                        false);
        };
    }

    private static Pollutant p(String code, double limit, String standard) {
        return new Pollutant(code, NAMES.get(code), limit, standard);
    }

    private static Template air(String name, boolean main, double minFlow, double maxFlow, Pollutant... ps) {
        return new Template(AIR, name, main, minFlow, maxFlow, List.of(ps));
    }

    private static Template water(String name, boolean main, double minFlow, double maxFlow, Pollutant... ps) {
        return new Template(WATER, name, main, minFlow, maxFlow, List.of(ps));
    }
}
