package org.permitwatch.events.vocabulary;

/**
 * The industry rows of the plan table (附件3), in the seed's order, plus OTHER for every other industry. The codes
 * are those of the {@code keyIndustry} field of the events; the labels are the plan table's row titles.
 */
public enum KeyIndustry {
    PAPER("造纸"),
    STEEL("钢铁"),
    THERMAL_POWER("火电"),
    COKING("焦化"),
    CEMENT("水泥"),
    SEWAGE_TREATMENT("污水处理"),
    WATER_REUSE("再生利用"),
    OTHER("其他");

    private final String label;

    KeyIndustry(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Unknown or missing codes fall into OTHER, so a new industry never disappears from a report. */
    public static KeyIndustry parse(String code) {
        if (code != null) {
            for (KeyIndustry k : values()) {
                if (k.name().equals(code)) {
                    return k;
                }
            }
        }
        return OTHER;
    }
}
