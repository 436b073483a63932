package org.permitwatch.permitsync.directory;

/** The rows of the inspection-plan table (附件3): seven key industries, everything else is OTHER. */
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
}
