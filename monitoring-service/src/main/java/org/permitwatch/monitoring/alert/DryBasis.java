package org.permitwatch.monitoring.alert;

/**
 * Wet-to-dry conversion of a flue-gas value (HJ 75-2017): C_dry = C_wet / (1 − X_sw), X_sw the flue gas's moisture
 * content as a fraction (HJ 212-2017 code a01014, reported in %). Emission standards state their limits for dry flue
 * gas at standard conditions and the reference oxygen content, so a value measured wet (an in-situ or hot-wet
 * analyser, the point's "measured wet" setting) is first made dry — its oxygen too — and only then corrected to the
 * reference oxygen (ADR 0039). A point not set wet is taken as already dry (the usual cold-dry extractive CEMS).
 */
final class DryBasis {

    /** HJ 212-2017 code of the flue gas's moisture content (烟气湿度, %). */
    static final String MOISTURE = "a01014";

    private DryBasis() {}

    /**
     * The dry value, or null without a usable moisture value (none valid in the minute, negative, or 100 % and more:
     * no dry gas to refer to), so the minute cannot be compared with a dry-basis limit.
     */
    static Double toDry(double wet, Double moisturePercent) {
        if (moisturePercent == null || moisturePercent < 0 || moisturePercent >= 100.0) {
            return null;
        }
        return wet / (1.0 - moisturePercent / 100.0);
    }
}
