package org.permitwatch.monitoring.alert;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The annual-tonnage forecast's parameters, as versioned data (ADR 0040): every ANNUAL_TONNAGE_AHEAD alert names the
 * {@link #version} that judged it.
 *
 * @param version        name of this set of values, carried in every tonnage alert
 * @param rateWindowDays the recent rate is the permit's emitted amount over the last this many days (or fewer, since
 *                       its first day of data) divided by those days
 * @param minDays        days of data needed before the forecast is judged at all: a day or two of data project a start
 *                       up (or a single bad day) over a whole year
 */
public record TonnageParameters(String version, int rateWindowDays, int minDays) {

    public TonnageParameters {
        if (rateWindowDays < 1 || minDays < 1 || minDays > rateWindowDays) {
            throw new IllegalArgumentException("need 1 <= minDays <= rateWindowDays");
        }
    }

    /** The method's name in every alert: year so far plus the recent daily rate over the rest of the permit year. */
    static final String METHOD = "YEAR_TO_DATE_PLUS_RECENT_RATE";

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("method", METHOD);
        map.put("rateWindowDays", rateWindowDays);
        map.put("minDays", minDays);
        return map;
    }
}
