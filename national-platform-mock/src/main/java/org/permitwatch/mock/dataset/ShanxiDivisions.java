package org.permitwatch.mock.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * The 11 prefecture-level cities of Shanxi and their county-level divisions with their real
 * administrative division codes (GB/T 2260, after the 2018–2020 district reforms in 大同, 长治, 晋中, 朔州).
 */
public final class ShanxiDivisions {

    public record County(String code, String name) {}

    /**
     * A city. {@code weight} is its relative share of permit holders (industrial cities weigh more);
     * {@code longitude}/{@code latitude} are the city centre, used to scatter plausible coordinates.
     */
    public record City(String code, String name, int weight, double longitude, double latitude, List<County> counties) {

        public String issuingAuthority() {
            // Shanxi moved permit issuing to the municipal administrative-approval bureaus (相对集中行政许可).
            return name + "行政审批服务管理局";
        }
    }

    public static final String PROVINCE_CODE = "140000";

    public static final List<City> CITIES = List.of(
            city(
                    "140100",
                    "太原市",
                    12,
                    112.55,
                    37.87,
                    "140105 小店区",
                    "140106 迎泽区",
                    "140107 杏花岭区",
                    "140108 尖草坪区",
                    "140109 万柏林区",
                    "140110 晋源区",
                    "140121 清徐县",
                    "140122 阳曲县",
                    "140123 娄烦县",
                    "140181 古交市"),
            city(
                    "140200",
                    "大同市",
                    8,
                    113.30,
                    40.08,
                    "140212 新荣区",
                    "140213 平城区",
                    "140214 云冈区",
                    "140215 云州区",
                    "140221 阳高县",
                    "140222 天镇县",
                    "140223 广灵县",
                    "140224 灵丘县",
                    "140225 浑源县",
                    "140226 左云县"),
            city("140300", "阳泉市", 5, 113.58, 37.86, "140302 城区", "140303 矿区", "140311 郊区", "140321 平定县", "140322 盂县"),
            city(
                    "140400",
                    "长治市",
                    11,
                    113.12,
                    36.20,
                    "140403 潞州区",
                    "140404 上党区",
                    "140405 屯留区",
                    "140406 潞城区",
                    "140423 襄垣县",
                    "140425 平顺县",
                    "140426 黎城县",
                    "140427 壶关县",
                    "140428 长子县",
                    "140429 武乡县",
                    "140430 沁县",
                    "140431 沁源县"),
            city(
                    "140500",
                    "晋城市",
                    8,
                    112.85,
                    35.49,
                    "140502 城区",
                    "140521 沁水县",
                    "140522 阳城县",
                    "140524 陵川县",
                    "140525 泽州县",
                    "140581 高平市"),
            city(
                    "140600",
                    "朔州市",
                    6,
                    112.43,
                    39.33,
                    "140602 朔城区",
                    "140603 平鲁区",
                    "140621 山阴县",
                    "140622 应县",
                    "140623 右玉县",
                    "140681 怀仁市"),
            city(
                    "140700",
                    "晋中市",
                    11,
                    112.75,
                    37.69,
                    "140702 榆次区",
                    "140703 太谷区",
                    "140721 榆社县",
                    "140722 左权县",
                    "140723 和顺县",
                    "140724 昔阳县",
                    "140725 寿阳县",
                    "140727 祁县",
                    "140728 平遥县",
                    "140729 灵石县",
                    "140781 介休市"),
            city(
                    "140800",
                    "运城市",
                    12,
                    111.00,
                    35.03,
                    "140802 盐湖区",
                    "140821 临猗县",
                    "140822 万荣县",
                    "140823 闻喜县",
                    "140824 稷山县",
                    "140825 新绛县",
                    "140826 绛县",
                    "140827 垣曲县",
                    "140828 夏县",
                    "140829 平陆县",
                    "140830 芮城县",
                    "140881 永济市",
                    "140882 河津市"),
            city(
                    "140900",
                    "忻州市",
                    7,
                    112.73,
                    38.42,
                    "140902 忻府区",
                    "140921 定襄县",
                    "140922 五台县",
                    "140923 代县",
                    "140924 繁峙县",
                    "140925 宁武县",
                    "140926 静乐县",
                    "140927 神池县",
                    "140928 五寨县",
                    "140929 岢岚县",
                    "140930 河曲县",
                    "140931 保德县",
                    "140932 偏关县",
                    "140981 原平市"),
            city(
                    "141000",
                    "临汾市",
                    11,
                    111.52,
                    36.09,
                    "141002 尧都区",
                    "141021 曲沃县",
                    "141022 翼城县",
                    "141023 襄汾县",
                    "141024 洪洞县",
                    "141025 古县",
                    "141026 安泽县",
                    "141027 浮山县",
                    "141028 吉县",
                    "141029 乡宁县",
                    "141030 大宁县",
                    "141031 隰县",
                    "141032 永和县",
                    "141033 蒲县",
                    "141034 汾西县",
                    "141081 侯马市",
                    "141082 霍州市"),
            city(
                    "141100",
                    "吕梁市",
                    10,
                    111.14,
                    37.52,
                    "141102 离石区",
                    "141121 文水县",
                    "141122 交城县",
                    "141123 兴县",
                    "141124 临县",
                    "141125 柳林县",
                    "141126 石楼县",
                    "141127 岚县",
                    "141128 方山县",
                    "141129 中阳县",
                    "141130 交口县",
                    "141181 孝义市",
                    "141182 汾阳市"));

    private ShanxiDivisions() {}

    public static City cityOf(String cityCode) {
        for (City c : CITIES) {
            if (c.code().equals(cityCode)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a Shanxi city: " + cityCode);
    }

    public static County countyOf(String countyCode) {
        for (City c : CITIES) {
            for (County county : c.counties()) {
                if (county.code().equals(countyCode)) {
                    return county;
                }
            }
        }
        throw new IllegalArgumentException("not a Shanxi county: " + countyCode);
    }

    private static City city(String code, String name, int weight, double lon, double lat, String... counties) {
        List<County> list = new ArrayList<>(counties.length);
        for (String c : counties) {
            list.add(new County(c.substring(0, 6), c.substring(7)));
        }
        return new City(code, name, weight, lon, lat, List.copyOf(list));
    }
}
