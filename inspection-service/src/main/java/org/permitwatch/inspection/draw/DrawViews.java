package org.permitwatch.inspection.draw;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Records stored with a draw (as jsonb) and response bodies of the draw API. */
final class DrawViews {

    private DrawViews() {}

    /**
     * The rules and numbers a draw ran with, recorded so the draw can be re-run and audited. Draws made before
     * ADR 0013 have no level, ratios or budgets recorded (null): they drew KEY and GENERAL at {@code ratio} and
     * SPECIAL fully.
     *
     * @param keyIndustry         the plan row's industry; null for a province draw over the chosen industries
     * @param ratio               the plan row's 附件3 ratio; null for a province draw
     * @param inspectorsPerUnit   officers per drawn unit; 0 for a province draw for remote checks (desk work)
     * @param denominators        units per stratum of the population before exclusions
     * @param quotas              units drawn per stratum: min(eligible, ceil(stratum ratio × denominator), budgets)
     * @param excluded            units left out per reason (RECENTLY_INSPECTED, OPEN_TASK, POSITIVE_LIST)
     * @param level               CITY, COUNTY or PROVINCE
     * @param divisionCode        the drawing bureau's division (the population's scope)
     * @param stratumRatios       share per stratum the quotas come from
     * @param includeRegistration whether 登记管理 units were in the population
     * @param budgets             what the plan rows left for this draw (empty for legacy rows and province draws)
     * @param cityCodes           province draws: the cities drawn from (empty = the whole province)
     * @param keyIndustries       province draws: the industries drawn from (empty = all)
     */
    record Parameters(
            String algorithm,
            String keyIndustry,
            BigDecimal ratio,
            int exclusionWindowDays,
            OffsetDateTime exclusionSince,
            int inspectorsPerUnit,
            Map<String, Integer> denominators,
            Map<String, Integer> quotas,
            Map<String, Integer> excluded,

            @Schema(allowableValues = {"PROVINCE", "CITY", "COUNTY"})
            String level,

            String divisionCode,
            Map<String, BigDecimal> stratumRatios,
            Boolean includeRegistration,
            List<Budget> budgets,
            List<String> cityCodes,
            List<String> keyIndustries) {

        Parameters(
                String algorithm,
                String keyIndustry,
                BigDecimal ratio,
                int exclusionWindowDays,
                OffsetDateTime exclusionSince,
                int inspectorsPerUnit,
                Map<String, Integer> denominators,
                Map<String, Integer> quotas,
                Map<String, Integer> excluded,
                @Schema(allowableValues = {"PROVINCE", "CITY", "COUNTY"}) String level,
                String divisionCode,
                Map<String, BigDecimal> stratumRatios,
                Boolean includeRegistration,
                List<Budget> budgets) {
            this(
                    algorithm,
                    keyIndustry,
                    ratio,
                    exclusionWindowDays,
                    exclusionSince,
                    inspectorsPerUnit,
                    denominators,
                    quotas,
                    excluded,
                    level,
                    divisionCode,
                    stratumRatios,
                    includeRegistration,
                    budgets,
                    List.of(),
                    List.of());
        }
    }

    /**
     * What a plan row leaves for a draw in the month, per stratum.
     *
     * @param kind      CITY_ROW (shared by the city's and its counties' draws) or COUNTY_ROW (the county's own row)
     * @param planned   units per round × rounds in the month
     * @param drawn     units earlier completed draws of the row and month took (targeted units aside)
     * @param remaining max(0, planned − drawn)
     */
    record Budget(
            UUID rowId,
            String kind,
            Map<String, Integer> planned,
            Map<String, Integer> drawn,
            Map<String, Integer> remaining) {

        static Budget of(
                UUID rowId,
                String kind,
                Map<String, Integer> unitsPerRound,
                int rounds,
                Map<String, Integer> drawnByStratum) {
            Map<String, Integer> planned = new java.util.LinkedHashMap<>();
            Map<String, Integer> drawn = new java.util.LinkedHashMap<>();
            Map<String, Integer> remaining = new java.util.LinkedHashMap<>();
            for (String s : DrawAlgorithm.STRATA) {
                int p = unitsPerRound.getOrDefault(s, 0) * rounds;
                int d = drawnByStratum.getOrDefault(s, 0);
                planned.put(s, p);
                drawn.put(s, d);
                remaining.put(s, Math.max(0, p - d));
            }
            return new Budget(rowId, kind, planned, drawn, remaining);
        }
    }

    /**
     * A line of the draw list.
     *
     * @param keyIndustry the plan row's industry (null for a province draw for remote checks)
     * @param units       units drawn (0 until the draw completed)
     */
    record DrawSummary(
            UUID id,
            UUID planId,
            String periodMonth,

            @Schema(allowableValues = {"COMMITTED", "COMPLETED", "FAILED"})
            String status,

            @Schema(allowableValues = {"PROVINCE", "CITY", "COUNTY"})
            String level,

            String divisionCode,
            String keyIndustry,
            String seedHash,
            int units,
            OffsetDateTime committedAt,
            OffsetDateTime completedAt,
            OffsetDateTime publishedAt) {}

    record DrawnUnit(String permitNumber, String stratum, boolean targeted, List<UUID> inspectorIds) {}

    /**
     * @param level            CITY, COUNTY or PROVINCE
     * @param divisionCode     the drawing bureau's division
     * @param remoteCheckRun   province draws: the remote-check run over the drawn units
     */
    record Draw(
            UUID id,
            UUID planId,
            UUID planRowId,
            String cityCode,
            String periodMonth,

            @Schema(allowableValues = {"COMMITTED", "COMPLETED", "FAILED"})
            String status,

            String seedHash,
            String seed,
            OffsetDateTime committedAt,
            OffsetDateTime completedAt,
            String eligibleFingerprint,
            int eligibleCount,
            String inspectorsFingerprint,
            Parameters parameters,
            List<DrawnUnit> units,
            LocalDate publishNotBefore,
            OffsetDateTime publishedAt,
            String failure,

            @Schema(allowableValues = {"PROVINCE", "CITY", "COUNTY"})
            String level,

            String divisionCode,
            RemoteCheckRun remoteCheckRun) {}

    /** The remote-check run a province draw started over its drawn units, with the alerts it raised. */
    record RemoteCheckRun(UUID id, String rulesVersion, int units, int raised, int updated, int resolved) {}

    /**
     * The recorded inputs of a draw, exactly as the re-run takes them, so the check can be repeated outside the
     * service (the console's verification page re-runs the draw in the browser from these and ADR 0007's rules).
     *
     * @param eligible          the population after exclusions, as fingerprinted (permit, directory version, stratum)
     * @param targeted          units included outside the quotas (靶向核查)
     * @param quotas            units drawn per stratum
     * @param inspectors        the officer pool with open assignments and declared conflicts, as fingerprinted
     * @param inspectorsPerUnit officers per drawn unit (0 for a province draw for remote checks)
     */
    record Inputs(
            List<EligibleUnit> eligible,
            List<EligibleUnit> targeted,
            Map<String, Integer> quotas,
            List<InspectorInput> inspectors,
            int inspectorsPerUnit) {

        static Inputs of(
                List<DrawAlgorithm.Candidate> eligible,
                List<DrawAlgorithm.Candidate> targeted,
                Map<String, Integer> quotas,
                List<DrawAlgorithm.InspectorSlot> inspectors,
                int inspectorsPerUnit) {
            return new Inputs(
                    eligible.stream().map(EligibleUnit::of).toList(),
                    targeted.stream().map(EligibleUnit::of).toList(),
                    quotas,
                    inspectors.stream()
                            .map(s -> new InspectorInput(s.id(), s.openAssignments(), s.conflicts()))
                            .toList(),
                    inspectorsPerUnit);
        }
    }

    record EligibleUnit(String permitNumber, long version, String stratum) {
        static EligibleUnit of(DrawAlgorithm.Candidate c) {
            return new EligibleUnit(c.permitNumber(), c.version(), c.stratum());
        }
    }

    record InspectorInput(UUID id, int openAssignments, List<String> conflicts) {}

    /**
     * The public inputs of a published draw (ADR 0027): enough to re-run its unit selection, nothing about officers.
     *
     * @param algorithm           the algorithm version the draw ran with (ADR 0007)
     * @param seedHash            the commitment, stored before any unit was read
     * @param seed                the revealed seed (hex)
     * @param eligibleFingerprint SHA-256 over the whole population (ADR 0007's text form), recorded when it drew
     * @param quotas              units drawn per stratum
     * @param targeted            units put into the draw by hand (靶向核查), outside the quotas, drawn first
     * @param eligible            one page of the population after exclusions, in canonical order (permit number)
     * @param total               units in the whole population
     */
    record PublicInputs(
            UUID drawId,
            String cityCode,
            String divisionCode,

            @Schema(allowableValues = {"PROVINCE", "CITY", "COUNTY"})
            String level,

            String periodMonth,
            String algorithm,
            String seedHash,
            String seed,
            OffsetDateTime committedAt,
            OffsetDateTime publishedAt,
            String eligibleFingerprint,
            Map<String, Integer> quotas,
            List<EligibleUnit> targeted,
            List<EligibleUnit> eligible,
            int page,
            int size,
            long total) {}

    record Verification(
            UUID drawId,
            String seedHash,
            String seed,
            boolean seedMatchesHash,
            String eligibleFingerprint,
            boolean eligibleFingerprintMatches,
            String inspectorsFingerprint,
            boolean inspectorsFingerprintMatches,
            List<DrawnUnit> recorded,
            List<DrawnUnit> recomputed,
            boolean identical,
            Inputs inputs) {}

    static List<DrawnUnit> units(List<DrawAlgorithm.Pick> picks) {
        return picks.stream()
                .map(p -> new DrawnUnit(p.permitNumber(), p.stratum(), p.targeted(), p.inspectors()))
                .toList();
    }
}
