package org.permitwatch.inspection.checklist;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Response shapes of the checklist API. */
final class ChecklistViews {

    private ChecklistViews() {}

    /** A checklist version without its items. */
    record Version(
            UUID id,
            String code,
            int version,
            String divisionCode,
            UUID basedOn,

            @Schema(allowableValues = {"DRAFT", "PUBLISHED"})
            String status,

            String title,
            String note,
            OffsetDateTime publishedAt,
            OffsetDateTime createdAt,
            long itemCount) {}

    /** A version with its own rows (a city version lists only its additions; see {@code basedOn}). */
    record VersionDetail(Version version, List<ChecklistItemView> items) {}
}
