package org.permitwatch.permitsync.directory;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.vocabulary.KeyIndustry;
import org.permitwatch.support.security.Caller;
import org.permitwatch.support.security.Masking;

/** Response bodies of the directory API. */
final class DirectoryViews {

    private DirectoryViews() {}

    /**
     * A page of the change feed.
     *
     * @param items   units in the order they last changed (the unit as it is now, with when it changed)
     * @param next    where to continue: pass it as {@code after}; equal to the request's cursor when nothing was new
     * @param hasMore whether more changes are already waiting (ask again at once) or the feed is caught up
     */
    record ChangesPage(List<UnitChange> items, String next, boolean hasMore) {}

    /** @param changedAt when the platform last changed this unit (a sync or fed-back inspection data) */
    record UnitChange(UnitSummary unit, OffsetDateTime changedAt) {}

    record UnitSummary(
            @Schema(example = "91140100MA0GRXXX1X001P") String permitNo,
            @Schema(example = "91140100MA0GRXXX1X") String uscc,
            @Schema(example = "太原市某某热电有限公司") String unitName,
            @Schema(example = "140000") String provinceCode,
            @Schema(example = "140100") String cityCode,
            @Schema(example = "140105") String countyCode,
            @Schema(example = "4411") String industryCode,
            @Schema(example = "火力发电") String industryName,
            KeyIndustry keyIndustry,
            ManagementCategory managementCategory,
            PermitStatus status,
            LocalDate validTo,
            boolean withoutPermit,
            SourceType sourceType,
            boolean positiveList,

            @Schema(
                    description =
                            "raised on every change of the unit's snapshot: poll and compare (docs/api/README.md)")
            long version) {

        static UnitSummary of(DirectoryUnit u) {
            return new UnitSummary(
                    u.permitNo(),
                    u.uscc(),
                    u.unitName(),
                    u.provinceCode(),
                    u.cityCode(),
                    u.countyCode(),
                    u.industryCode(),
                    u.industryName(),
                    u.keyIndustry(),
                    u.managementCategory(),
                    u.status(),
                    u.validTo(),
                    u.withoutPermit(),
                    u.sourceType(),
                    u.positiveList(),
                    u.version());
        }
    }

    /** The permit detail; {@code legalRepresentative} is masked unless the caller holds {@code pii:read}. */
    record UnitDetail(
            String permitNo,
            String uscc,
            String unitName,
            String provinceCode,
            String cityCode,
            String countyCode,
            String industryCode,
            String industryName,
            KeyIndustry keyIndustry,
            ManagementCategory managementCategory,
            PermitStatus status,
            LocalDate issueDate,
            LocalDate validFrom,
            LocalDate validTo,
            String issuingAuthority,
            boolean withoutPermit,
            SourceType sourceType,
            boolean positiveList,
            String address,
            String legalRepresentative,
            Double longitude,
            Double latitude,
            List<DirectoryUnitSnapshot.Outlet> outlets,
            Obligations obligations,
            OffsetDateTime lastInspectedAt,
            int violationCount,
            long version,
            OffsetDateTime platformUpdatedAt,
            OffsetDateTime changedAt,
            Long violationHistoryTotal,
            List<Violation> violations) {

        /** {@code violationHistoryTotal} and {@code violations} are null when withheld from the caller. */
        static UnitDetail of(DirectoryUnit u, Caller caller, Long violationHistoryTotal, List<Violation> violations) {
            String legal =
                    caller.canReadPersonalData() ? u.legalRepresentative() : Masking.name(u.legalRepresentative());
            return new UnitDetail(
                    u.permitNo(),
                    u.uscc(),
                    u.unitName(),
                    u.provinceCode(),
                    u.cityCode(),
                    u.countyCode(),
                    u.industryCode(),
                    u.industryName(),
                    u.keyIndustry(),
                    u.managementCategory(),
                    u.status(),
                    u.issueDate(),
                    u.validFrom(),
                    u.validTo(),
                    u.issuingAuthority(),
                    u.withoutPermit(),
                    u.sourceType(),
                    u.positiveList(),
                    u.address(),
                    legal,
                    u.longitude(),
                    u.latitude(),
                    u.outlets(),
                    u.obligations(),
                    u.lastInspectedAt(),
                    u.violationCount(),
                    u.version(),
                    u.platformUpdatedAt(),
                    u.changedAt(),
                    violationHistoryTotal,
                    violations);
        }
    }

    /**
     * One case of the unit's violation history, fed back from enforcement (every case, not only the window's).
     *
     * @param decisionKind         FINE or NO_PENALTY; null while undecided
     * @param amountYuan           all decisions of the case summed (the fine plus any 按日连续处罚)
     * @param rectificationStatus  OVERDUE, COMPLETED or CLOSED; null while no rectification event arrived
     */
    record Violation(
            UUID caseId,
            String caseNo,
            String violationType,
            String article,
            String decisionKind,
            String noPenaltyRule,
            BigDecimal amountYuan,
            OffsetDateTime decidedAt,
            String rectificationStatus,
            LocalDate rectificationDeadline,
            Boolean rectifiedOnTime,
            OffsetDateTime closedAt) {}

    record StatsEntry(
            String cityCode,
            KeyIndustry keyIndustry,
            String keyIndustryLabel,
            ManagementCategory managementCategory,
            long units,
            long withoutPermit) {}

    record Stats(String division, long totalUnits, List<StatsEntry> rows) {}
}
