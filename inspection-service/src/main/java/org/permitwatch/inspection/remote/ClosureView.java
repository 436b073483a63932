package org.permitwatch.inspection.remote;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A verified closure (关停) of a unit, recorded by a bureau. */
record ClosureView(
        UUID id,
        String permitNumber,
        String divisionCode,
        LocalDate closedOn,
        String basis,
        String recordedBy,
        OffsetDateTime recordedAt) {}
