package org.permitwatch.inspection.record;

/** Who set an item's result: the inspector, nobody (default NOT_CHECKED), or the measurement check. */
public enum ResultSource {
    INSPECTOR,
    DEFAULT,
    AUTOMATIC
}
