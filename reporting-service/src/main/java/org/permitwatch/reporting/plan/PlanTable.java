package org.permitwatch.reporting.plan;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * 附件3 of one city and year as published, with the codes turned into the seed's labels: the seed's seven industry
 * rows plus 其他, in that order, each present even when the plan has nothing for it.
 */
record PlanTable(
        String title,
        UUID planId,
        String cityCode,
        String cityName,
        int year,
        String planTitle,
        int startMonth,
        OffsetDateTime publishedAt,
        List<Row> rows) {

    /**
     * @param no           序号 of the industry row, 1–8 in the seed's order (造纸 … 再生利用, 其他); rows of one industry
     *                     (one per inspection category) share it
     * @param planned      false for the zero row of an industry the plan has no row for
     * @param doubleRandom 是 / 否 (是否纳入双随机)
     * @param ratio        检查比例, e.g. "5%"
     * @param frequency    检查频次, e.g. "每季1次"
     * @param months       planned units per month 1–12 (0 where none)
     */
    record Row(
            int no,
            String industry,
            String industryLabel,
            boolean planned,
            String category,
            String method,
            String doubleRandom,
            String ratio,
            String frequency,
            String contentDaily,
            String contentSpecial,
            String operatingMethod,
            String cooperatingAgencies,
            int denominator,
            int unitsPerRound,
            List<Integer> months) {}
}
