package org.permitwatch.monitoring.alert;

/**
 * A period's mean as judged: valid when enough valid values made it ({@link RuleParameters}); {@code corrected} is the
 * mean of the reference-oxygen-corrected values, null when no correction applies. An invalid period still shows the
 * mean of the valid values it had (null when none), for the evidence; it is never compared with a limit. {@code flow}
 * is the wastewater volume of the period (m3), the weight of an hour in a flow-weighted daily mean; null for flue gas
 * and when no flow was sent.
 */
record HourMean(boolean valid, Double mean, Double corrected, int validCount, Double flow) {

    /** The value compared with the limit: the corrected one where the standard prescribes a correction. */
    Double judged() {
        return corrected != null ? corrected : mean;
    }

    static HourMean of(int validCount, int needed, double sum, double correctedSum, boolean corrected) {
        return of(validCount, needed, sum, correctedSum, corrected, null);
    }

    static HourMean of(int validCount, int needed, double sum, double correctedSum, boolean corrected, Double flow) {
        if (validCount == 0) {
            return new HourMean(false, null, null, 0, flow);
        }
        return new HourMean(
                validCount >= needed, sum / validCount, corrected ? correctedSum / validCount : null, validCount, flow);
    }
}
