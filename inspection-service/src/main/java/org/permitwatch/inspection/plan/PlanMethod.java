package org.permitwatch.inspection.plan;

/** 检查方式 of a plan row: 普查 (every unit), 抽查 (a sample), 专项检查 (a special campaign). */
public enum PlanMethod {
    CENSUS,
    SAMPLING,
    SPECIAL
}
