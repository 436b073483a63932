package org.permitwatch.monitoring.hj212;

/**
 * A value's data flag (数据标记, HJ 212-2017 表 6): only N counts as valid data (有效数据) — for 传输有效率 here and, in
 * the next issue, for means compared with permit limits.
 */
public enum DataFlag {
    /** 在线监控（监测）仪器仪表工作正常. */
    N,
    /** 停运. */
    F,
    /** 维护. */
    M,
    /** 手工输入的设定值. */
    S,
    /** 故障. */
    D,
    /** 校准. */
    C,
    /** 超测上限. */
    T,
    /** 通讯异常. */
    B;

    /** Every flag, once: {@code values()} clones its array on each call (once per value of every frame). */
    private static final DataFlag[] ALL = values();

    public static boolean isKnown(String value) {
        for (DataFlag flag : ALL) {
            if (flag.name().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
