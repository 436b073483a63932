package org.permitwatch.reporting.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** 万元, the unit every report form prints money in. */
public final class WanYuan {

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    private WanYuan() {}

    /** Yuan to 万元 with 4 decimals (1 yuan = 0.0001 万元, so rounding only ever drops fen). */
    public static BigDecimal of(BigDecimal yuan) {
        return yuan.divide(TEN_THOUSAND, 4, RoundingMode.HALF_UP);
    }
}
