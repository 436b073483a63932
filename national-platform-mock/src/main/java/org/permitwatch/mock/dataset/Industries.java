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
    COKING, POWER, CEMENT, IRONMAKING, STEELMAKING, ROLLING, FERROALLOY, PAPER, SEWAGE, COAL_MINING, CHEMICAL,
    BOILER
  }

  /**
   * @param key      one of the province's 重点行业 (paper, steel, power, coking, cement, sewage)
   * @param tradeTag the word used in generated unit names (…焦化有限公司)
   */
  public record Industry(String code, String name, Profile profile, int weight, boolean key, String tradeTag) {
  }

  public static final List<Industry> ALL = List.of(
      new Industry("2521", "炼焦", Profile.COKING, 150, true, "焦化"),
      new Industry("4411", "火力发电", Profile.POWER, 70, true, "发电"),
      new Industry("4412", "热电联产", Profile.POWER, 55, true, "热电"),
      new Industry("3110", "炼铁", Profile.IRONMAKING, 25, true, "钢铁"),
      new Industry("3120", "炼钢", Profile.STEELMAKING, 25, true, "钢铁"),
      new Industry("3130", "钢压延加工", Profile.ROLLING, 25, true, "轧钢"),
      new Industry("3140", "铁合金冶炼", Profile.FERROALLOY, 15, true, "铁合金"),
      new Industry("3011", "水泥制造", Profile.CEMENT, 60, true, "水泥"),
      new Industry("2211", "木竹浆制造", Profile.PAPER, 3, true, "浆业"),
      new Industry("2212", "非木竹浆制造", Profile.PAPER, 4, true, "浆纸"),
      new Industry("2221", "机制纸及纸板制造", Profile.PAPER, 14, true, "纸业"),
      new Industry("2222", "手工纸制造", Profile.PAPER, 2, true, "纸业"),
      new Industry("2223", "加工纸制造", Profile.PAPER, 5, true, "纸品"),
      new Industry("4620", "污水处理及其再生利用", Profile.SEWAGE, 50, true, "水务"),
      new Industry("0610", "烟煤和无烟煤开采洗选", Profile.COAL_MINING, 90, false, "煤业"),
      new Industry("4430", "热力生产和供应", Profile.BOILER, 60, false, "热力"),
      new Industry("3021", "水泥制品制造", Profile.BOILER, 20, false, "建材"),
      new Industry("3031", "粘土砖瓦及建筑砌块制造", Profile.BOILER, 30, false, "新型建材"),
      new Industry("3091", "石墨及碳素制品制造", Profile.BOILER, 15, false, "碳素"),
      new Industry("3216", "铝冶炼", Profile.BOILER, 10, false, "铝业"),
      new Industry("1512", "白酒制造", Profile.BOILER, 20, false, "酒业"),
      new Industry("3360", "金属表面处理及热处理加工", Profile.BOILER, 15, false, "表面处理"),
      new Industry("2614", "有机化学原料制造", Profile.CHEMICAL, 20, false, "化工"),
      new Industry("2621", "氮肥制造", Profile.CHEMICAL, 12, false, "化肥"),
      new Industry("2710", "化学药品原料药制造", Profile.CHEMICAL, 10, false, "制药"),
      new Industry("2511", "原油加工及石油制品制造", Profile.CHEMICAL, 5, false, "石化"));

  public static final int TOTAL_WEIGHT = ALL.stream().mapToInt(Industry::weight).sum();

  private Industries() {
  }

  public static Industry byCode(String code) {
    for (Industry i : ALL) {
      if (i.code().equals(code)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown industry " + code);
  }
}
