package org.permitwatch.inspection.plan;

/**
 * 监管对象 strata of the object directory (the directory's source type): 特殊监管对象 (SPECIAL), 重点监管对象 (KEY),
 * 一般监管对象 (GENERAL). Declared in the order draws take them (ADR 0007).
 */
public enum Stratum {
    SPECIAL,
    KEY,
    GENERAL
}
