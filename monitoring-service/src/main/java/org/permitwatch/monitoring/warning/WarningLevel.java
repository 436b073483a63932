package org.permitwatch.monitoring.warning;

/**
 * Heavy-pollution weather warning levels, lowest first. Most current plans have three (黄/橙/红); some provincial and
 * city plans still have a fourth, blue, below them, so the calendar accepts it (ADR 0039).
 */
public enum WarningLevel {
    BLUE("蓝色预警"),
    YELLOW("黄色预警"),
    ORANGE("橙色预警"),
    RED("红色预警");

    private final String label;

    WarningLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
