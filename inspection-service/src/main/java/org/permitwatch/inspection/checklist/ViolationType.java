package org.permitwatch.inspection.checklist;

/** The ten violation columns of the summary table (附件1); a non-compliant check item maps to exactly one. */
public enum ViolationType {
    UNPERMITTED_DISCHARGE("无证排污"),
    UNPERMITTED_OUTLET("未按许可的排放口排放"),
    EXCEEDING_LIMITS("超标排放"),
    FACILITY_NOT_RUNNING("污染防治设施不正常运行"),
    FUGITIVE_EMISSION("无组织排放"),
    REDUCTION_NOT_IMPLEMENTED("未落实减排要求"),
    SELF_MONITORING_FALSIFIED("自行监测数据作假"),
    LEDGER_INCOMPLETE("环境管理台账记录不全"),
    EXECUTION_REPORT_IRREGULAR("排污许可证执行报告不规范"),
    DISCLOSURE_NOT_IMPLEMENTED("信息公开不落实");

    private final String label;

    ViolationType(String label) {
        this.label = label;
    }

    /** The column label of 附件1. */
    public String label() {
        return label;
    }
}
