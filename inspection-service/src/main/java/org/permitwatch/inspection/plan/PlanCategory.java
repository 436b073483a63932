package org.permitwatch.inspection.plan;

/** 检查类别 of a plan row: 非现场监管, 现场执法检查, "双随机、一公开". */
public enum PlanCategory {
    REMOTE_SUPERVISION,
    ON_SITE,
    DOUBLE_RANDOM
}
