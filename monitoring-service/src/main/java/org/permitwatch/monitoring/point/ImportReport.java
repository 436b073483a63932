package org.permitwatch.monitoring.point;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What an import of a sheet of points did (or, on a dry run, would do): counts and one line per row.
 *
 * @param rows      data rows read (blank rows skipped)
 * @param created   points registered
 * @param updated   points of the same MN, permit and outlet whose password or pollutants changed
 * @param unchanged points registered already exactly so (re-importing a file changes nothing)
 */
public record ImportReport(
        @Schema(description = "true: validated only, nothing stored")
        boolean dryRun,

        int rows,
        int created,
        int updated,
        int unchanged,
        List<Row> preview) {

    public ImportReport {
        preview = List.copyOf(preview);
    }

    /** What happens to a row's point. */
    public enum Action {
        CREATE,
        UPDATE,
        UNCHANGED
    }

    /**
     * @param row            the sheet's row number (the header is row 1)
     * @param outletOnPermit false when the permit has no outlet of that code (accepted and shown, as on registration)
     */
    public record Row(
            int row,
            String mn,
            String permitNo,
            @Schema(nullable = true) String unitName,
            String outletCode,
            boolean outletOnPermit,
            List<String> pollutants,
            Action action) {

        public Row {
            pollutants = List.copyOf(pollutants);
        }
    }
}
