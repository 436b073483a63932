package org.permitwatch.events.vocabulary;

import java.util.Optional;

/**
 * The ten violation types: the columns of the summary table (附件1), in the seed's column order. A non-compliant
 * checklist item maps to exactly one. The codes travel in the {@code violationType} field of FindingRecorded and
 * CaseRef; the labels are the official column titles. One list for every service, so they cannot drift apart.
 */
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

    public String label() {
        return label;
    }

    /** The type of a code received in an event; empty for a code this service does not know (never counted). */
    public static Optional<ViolationType> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (ViolationType t : values()) {
            if (t.name().equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
