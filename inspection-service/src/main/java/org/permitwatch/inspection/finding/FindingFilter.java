package org.permitwatch.inspection.finding;

import java.time.OffsetDateTime;

/**
 * Criteria of the findings list; null = any. {@code from}/{@code to} bound the inspection time (to exclusive).
 */
record FindingFilter(
        String permitNumber, String violationType, String status, OffsetDateTime from, OffsetDateTime to) {}
