package org.permitwatch.mock.dataset;

import java.util.List;

/**
 * Industries of the generated directory with their GB/T 4754-2017 codes and names. Weights follow the
 * shape of Shanxi's permit directory: coking, coal-fired power, steel and cement dominate among the key
 * industries, coal mining and heating boilers among the rest.
 */
public final class Industries {

    /** Which outlet and limit template the detail generator uses for an industry. */
    public enum Profile {
        COKING,
        POWER,
        CEMENT,
        CEMENT_GRINDING,
        IRONMAKING,
        STEELMAKING,
        ROLLING,
        FERROALLOY,
        PAPER,
        SEWAGE,
        SEWAGE_SMALL,
        COAL_MINING,
        CHEMICAL,
        BOILER
    }

    /**
     * How the plants of an industry split over the management categories of 《固定污染源排污许可分类管理名录（2019年版）》,
     * in percent (they add up to 100, so the generator always draws {@code nextInt(100)} and the rest of a permit's
     * random stream stays where it was). Where the 名录 splits an industry by process or capacity, the split is the
     * share of Shanxi plants we assume on each side; the profiles say which outlets a plant on the lower side has.
     *
     * @param simplifiedProfile outlets of a 简化管理 plant where its process differs (水泥粉磨站, small sewage
     *                          works); null when it is the industry's profile
     */
    public record Categories(int key, int simplified, int registration, Profile simplifiedProfile, String rule) {

        public Categories {
            if (key + simplified + registration != 100) {
                throw new IllegalArgumentException("category shares must add up to 100: " + rule);
            }
        }

        int[] weights() {
            return new int[] {key, simplified, registration};
        }
    }

    /** 名录: the whole industry class is 重点管理. */
    private static Categories allKey(String rule) {
        return new Categories(100, 0, 0, null, rule);
    }

    /**
     * Industries outside the seven key industries: the 名录 grades most of them by general processes (boilers,
     * kilns, water treatment), which the mock does not model, so they keep a mixed split.
     */
    private static final Categories MIXED = new Categories(15, 40, 45, null, "名录：按通用工序（锅炉、工业炉窑、水处理）重点/简化/登记管理");

    /**
     * @param key      one of the province's 重点行业 (paper, steel, power, coking, cement, sewage)
     * @param tradeTag the word used in generated unit names (…焦化有限公司)
     */
    public record Industry(
            String code,
            String name,
            Profile profile,
            int weight,
            boolean key,
            String tradeTag,
            Categories categories) {

        /** The outlets a plant of this industry in this management category has. */
        public Profile profileFor(String managementCategory) {
            return PermitSummary.CATEGORY_SIMPLIFIED.equals(managementCategory)
                            && categories.simplifiedProfile() != null
                    ? categories.simplifiedProfile()
                    : profile;
        }
    }

    public static final List<Industry> ALL = List.of(
            new Industry("2521", "炼焦", Profile.COKING, 150, true, "焦化", allKey("名录：炼焦2521 重点管理")),
            new Industry("4411", "火力发电", Profile.POWER, 70, true, "发电", allKey("名录：火力发电4411 重点管理")),
            new Industry("4412", "热电联产", Profile.POWER, 55, true, "热电", allKey("名录：热电联产4412 重点管理")),
            new Industry("3110", "炼铁", Profile.IRONMAKING, 25, true, "钢铁", allKey("名录：炼铁311（含炼铁、烧结、球团等工序）重点管理")),
            new Industry("3120", "炼钢", Profile.STEELMAKING, 25, true, "钢铁", allKey("名录：炼钢312 重点管理")),
            new Industry(
                    "3130",
                    "钢压延加工",
                    Profile.ROLLING,
                    25,
                    true,
                    "轧钢",
                    new Categories(30, 60, 10, null, "名录：年产50万吨及以上的冷轧重点管理，热轧及年产50万吨以下的冷轧简化管理，其他登记管理")),
            new Industry("3140", "铁合金冶炼", Profile.FERROALLOY, 15, true, "铁合金", allKey("名录：铁合金冶炼3140 重点管理")),
            new Industry(
                    "3011",
                    "水泥制造",
                    Profile.CEMENT,
                    60,
                    true,
                    "水泥",
                    new Categories(70, 30, 0, Profile.CEMENT_GRINDING, "名录：水泥（熟料）制造重点管理，水泥粉磨站简化管理")),
            new Industry("2211", "木竹浆制造", Profile.PAPER, 3, true, "浆业", allKey("名录：纸浆制造221 重点管理")),
            new Industry("2212", "非木竹浆制造", Profile.PAPER, 4, true, "浆纸", allKey("名录：纸浆制造221 重点管理")),
            new Industry("2221", "机制纸及纸板制造", Profile.PAPER, 14, true, "纸业", allKey("名录：机制纸及纸板制造2221 重点管理")),
            new Industry(
                    "2222",
                    "手工纸制造",
                    Profile.PAPER,
                    2,
                    true,
                    "纸业",
                    new Categories(50, 50, 0, null, "名录：有制浆工序的手工纸制造重点管理，其他简化管理")),
            new Industry(
                    "2223",
                    "加工纸制造",
                    Profile.PAPER,
                    5,
                    true,
                    "纸品",
                    new Categories(0, 60, 40, null, "名录：有工业废水、废气排放的加工纸制造简化管理，其他登记管理")),
            new Industry(
                    "4620",
                    "污水处理及其再生利用",
                    Profile.SEWAGE,
                    50,
                    true,
                    "水务",
                    new Categories(
                            40,
                            50,
                            10,
                            Profile.SEWAGE_SMALL,
                            "名录：工业废水集中处理场所及日处理能力2万吨及以上的城乡污水集中处理场所重点管理，500吨及以上2万吨以下简化管理，500吨以下登记管理")),
            new Industry("0610", "烟煤和无烟煤开采洗选", Profile.COAL_MINING, 90, false, "煤业", MIXED),
            new Industry("4430", "热力生产和供应", Profile.BOILER, 60, false, "热力", MIXED),
            new Industry("3021", "水泥制品制造", Profile.BOILER, 20, false, "建材", MIXED),
            new Industry("3031", "粘土砖瓦及建筑砌块制造", Profile.BOILER, 30, false, "新型建材", MIXED),
            new Industry("3091", "石墨及碳素制品制造", Profile.BOILER, 15, false, "碳素", MIXED),
            new Industry("3216", "铝冶炼", Profile.BOILER, 10, false, "铝业", MIXED),
            new Industry("1512", "白酒制造", Profile.BOILER, 20, false, "酒业", MIXED),
            new Industry("3360", "金属表面处理及热处理加工", Profile.BOILER, 15, false, "表面处理", MIXED),
            new Industry("2614", "有机化学原料制造", Profile.CHEMICAL, 20, false, "化工", MIXED),
            new Industry("2621", "氮肥制造", Profile.CHEMICAL, 12, false, "化肥", MIXED),
            new Industry("2710", "化学药品原料药制造", Profile.CHEMICAL, 10, false, "制药", MIXED),
            new Industry("2511", "原油加工及石油制品制造", Profile.CHEMICAL, 5, false, "石化", MIXED));

    public static final int TOTAL_WEIGHT =
            ALL.stream().mapToInt(Industry::weight).sum();

    private Industries() {}

    public static Industry byCode(String code) {
        for (Industry i : ALL) {
            if (i.code().equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown industry " + code);
    }
}
