package org.permitwatch.inspection.record;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.permitwatch.events.directory.DirectoryUnitSnapshot;
import org.permitwatch.events.vocabulary.ViolationType;
import org.permitwatch.inspection.checklist.ChecklistItemView;
import org.permitwatch.support.problem.ApiException;
import org.permitwatch.support.problem.FieldProblem;
import org.permitwatch.support.time.BureauClock;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns request content into stored content: resolves item results against the pinned checklist, checks each
 * measurement against the unit's permit limits, and marks the exceeding-limits item non-compliant when a
 * measurement exceeds and the inspector did not judge that item. Collects every semantic error before failing,
 * so one 422 names all the fields at fault.
 */
@Component
class ContentAssembler {

    static final String INVALID_CODE = "invalid-inspection";
    static final String INCOMPLETE_CODE = "inspection-incomplete";

    /** Device clocks drift; a few minutes ahead is tolerated, more is an input error. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final BureauClock clock;

    ContentAssembler(BureauClock clock) {
        this.clock = clock;
    }

    RecordContent assemble(RecordInput.Content input, List<ChecklistItemView> checklist, DirectoryUnitSnapshot unit) {
        List<FieldProblem> errors = new ArrayList<>();
        OffsetDateTime latest = clock.now().plus(CLOCK_SKEW);
        if (input.inspectedAt() != null && input.inspectedAt().isAfter(latest)) {
            errors.add(new FieldProblem(
                    "inspectedAt",
                    "must not be in the future",
                    input.inspectedAt().toString()));
        }

        List<RecordContent.Evidence> evidence = evidence(input.evidence(), latest, errors);
        Set<String> evidenceHashes =
                evidence.stream().map(RecordContent.Evidence::sha256).collect(Collectors.toSet());
        List<RecordContent.Measurement> measurements = measurements(input.measurements(), unit, errors);
        Map<UUID, RecordInput.ItemInput> given = itemInputs(input.items(), checklist, evidenceHashes, errors);
        if (!errors.isEmpty()) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    INVALID_CODE,
                    null,
                    "the inspection content does not match the checklist or the unit's permit",
                    errors);
        }

        List<RecordContent.Measurement> exceeding = measurements.stream()
                .filter(RecordContent.Measurement::exceeded)
                .toList();
        UUID autoItem = exceeding.isEmpty() ? null : exceedingLimitsItem(checklist, given);
        List<RecordContent.Item> items = new ArrayList<>(checklist.size());
        for (ChecklistItemView c : checklist) {
            RecordInput.ItemInput in = given.get(c.id());
            ItemResult result;
            ResultSource source;
            String notes;
            List<String> refs;
            List<String> failed = List.of();
            String article = c.article();
            if (in != null) {
                failed = in.subPoints();
                if (!failed.isEmpty()) {
                    // The finding cites the article and 项 of the first violated sub-point (issue 12 item 1).
                    String first = failed.get(0);
                    article = c.subPoints().stream()
                            .filter(s -> s.code().equals(first))
                            .findFirst()
                            .map(s -> s.articleOr(c.article()))
                            .orElse(c.article());
                }
                result = in.result();
                source = ResultSource.INSPECTOR;
                notes = in.notes();
                refs = in.evidence().stream()
                        .map(h -> h.toLowerCase(Locale.ROOT))
                        .toList();
            } else if (c.id().equals(autoItem)) {
                result = ItemResult.NON_COMPLIANT;
                source = ResultSource.AUTOMATIC;
                notes = exceedanceNote(exceeding);
                refs = List.of();
            } else {
                result = ItemResult.NOT_CHECKED;
                source = ResultSource.DEFAULT;
                notes = null;
                refs = List.of();
            }
            items.add(new RecordContent.Item(
                    c.id(),
                    c.itemNo(),
                    c.code(),
                    c.title(),
                    c.keyIndustry() == null ? null : c.keyIndustry().name(),
                    c.violationType().name(),
                    article,
                    result,
                    source,
                    notes,
                    refs,
                    failed));
        }
        RecordContent.Position position = input.position() == null
                ? null
                : new RecordContent.Position(
                        input.position().lat(), input.position().lon());
        String backdateReason =
                input.backdateReason() == null || input.backdateReason().isBlank()
                        ? null
                        : input.backdateReason().trim();
        return new RecordContent(
                input.inspectedAt(), position, input.notes(), items, measurements, evidence, backdateReason);
    }

    /** A submission needs the time and place of the visit and at least one item actually checked. */
    static void requireSubmittable(RecordContent content) {
        List<FieldProblem> errors = new ArrayList<>();
        if (content.inspectedAt() == null) {
            errors.add(FieldProblem.of("inspectedAt", "is required to submit"));
        }
        if (content.position() == null) {
            errors.add(FieldProblem.of("position", "is required to submit"));
        }
        if (content.items().stream().allMatch(i -> i.result() == ItemResult.NOT_CHECKED)) {
            errors.add(FieldProblem.of("items", "at least one checklist item must have a result to submit"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    INCOMPLETE_CODE,
                    null,
                    "the record is not complete enough to submit",
                    errors);
        }
    }

    private static List<RecordContent.Evidence> evidence(
            List<RecordInput.EvidenceInput> input, OffsetDateTime latest, List<FieldProblem> errors) {
        List<RecordContent.Evidence> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < input.size(); i++) {
            RecordInput.EvidenceInput e = input.get(i);
            String hash = e.sha256().toLowerCase(Locale.ROOT);
            if (!seen.add(hash)) {
                errors.add(new FieldProblem("evidence[" + i + "].sha256", "duplicate evidence file", hash));
            }
            if (e.takenAt().isAfter(latest)) {
                errors.add(new FieldProblem(
                        "evidence[" + i + "].takenAt",
                        "must not be in the future",
                        e.takenAt().toString()));
            }
            RecordContent.Position location = e.location() == null
                    ? null
                    : new RecordContent.Position(
                            e.location().lat(), e.location().lon());
            out.add(new RecordContent.Evidence(e.fileName(), hash, e.size(), e.takenAt(), location));
        }
        return out;
    }

    private static List<RecordContent.Measurement> measurements(
            List<RecordInput.MeasurementInput> input, DirectoryUnitSnapshot unit, List<FieldProblem> errors) {
        Map<String, DirectoryUnitSnapshot.Outlet> outlets = new HashMap<>();
        unit.outlets().forEach(o -> outlets.put(o.outletCode(), o));
        List<RecordContent.Measurement> out = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            RecordInput.MeasurementInput m = input.get(i);
            String field = "measurements[" + i + "]";
            DirectoryUnitSnapshot.Outlet outlet = outlets.get(m.outletCode());
            if (outlet == null) {
                errors.add(
                        new FieldProblem(field + ".outletCode", "no such outlet on the unit's permit", m.outletCode()));
                continue;
            }
            DirectoryUnitSnapshot.PollutantLimit limit = outlet.pollutants().stream()
                    .filter(p -> p.pollutantCode().equals(m.pollutantCode()))
                    .findFirst()
                    .orElse(null);
            if (limit == null) {
                errors.add(new FieldProblem(
                        field + ".pollutantCode",
                        "pollutant not permitted at outlet " + m.outletCode(),
                        m.pollutantCode()));
                continue;
            }
            if (!normaliseUnit(m.unit()).equals(normaliseUnit(limit.unit()))) {
                errors.add(new FieldProblem(
                        field + ".unit", "must be " + limit.unit() + ", the unit of the permitted limit", m.unit()));
                continue;
            }
            Double permitted = m.averaging() == Averaging.HOURLY ? limit.hourlyLimit() : limit.dailyLimit();
            boolean exceeded = permitted != null && m.value() > permitted;
            out.add(new RecordContent.Measurement(
                    m.outletCode(),
                    m.pollutantCode(),
                    limit.pollutantName(),
                    m.value(),
                    limit.unit(),
                    m.averaging(),
                    m.measuredAt(),
                    permitted,
                    limit.standard(),
                    exceeded));
        }
        return out;
    }

    private static Map<UUID, RecordInput.ItemInput> itemInputs(
            List<RecordInput.ItemInput> input,
            List<ChecklistItemView> checklist,
            Set<String> evidenceHashes,
            List<FieldProblem> errors) {
        Set<UUID> known = checklist.stream().map(ChecklistItemView::id).collect(Collectors.toSet());
        Map<UUID, RecordInput.ItemInput> given = new HashMap<>();
        for (int i = 0; i < input.size(); i++) {
            RecordInput.ItemInput item = input.get(i);
            String field = "items[" + i + "]";
            if (!known.contains(item.itemId())) {
                errors.add(new FieldProblem(
                        field + ".itemId",
                        "not an item of the record's checklist version for this unit",
                        item.itemId().toString()));
                continue;
            }
            if (given.putIfAbsent(item.itemId(), item) != null) {
                errors.add(new FieldProblem(
                        field + ".itemId", "item given twice", item.itemId().toString()));
            }
            ChecklistItemView row = checklist.stream()
                    .filter(c -> c.id().equals(item.itemId()))
                    .findFirst()
                    .orElseThrow();
            Set<String> codes = row.subPoints().stream()
                    .map(ChecklistItemView.SubPoint::code)
                    .collect(Collectors.toSet());
            if (!item.subPoints().isEmpty() && item.result() != ItemResult.NON_COMPLIANT) {
                errors.add(new FieldProblem(
                        field + ".subPoints",
                        "only a NON_COMPLIANT item names violated sub-points",
                        item.result().name()));
            }
            for (int j = 0; j < item.subPoints().size(); j++) {
                if (!codes.contains(item.subPoints().get(j))) {
                    errors.add(new FieldProblem(
                            field + ".subPoints[" + j + "]",
                            "not a sub-point of item " + row.code(),
                            item.subPoints().get(j)));
                }
            }
            for (int j = 0; j < item.evidence().size(); j++) {
                String hash = item.evidence().get(j).toLowerCase(Locale.ROOT);
                if (!evidenceHashes.contains(hash)) {
                    errors.add(new FieldProblem(
                            field + ".evidence[" + j + "]", "no evidence with this SHA-256 in the record", hash));
                }
            }
        }
        return given;
    }

    /** The general exceeding-limits item (item 3), unless the inspector judged one explicitly. */
    private static UUID exceedingLimitsItem(List<ChecklistItemView> checklist, Map<UUID, RecordInput.ItemInput> given) {
        List<ChecklistItemView> candidates = checklist.stream()
                .filter(c -> c.violationType() == ViolationType.EXCEEDING_LIMITS)
                .toList();
        if (candidates.stream().anyMatch(c -> given.containsKey(c.id()))) {
            return null;
        }
        return candidates.stream()
                .min((a, b) -> Boolean.compare(a.keyIndustry() != null, b.keyIndustry() != null) != 0
                        ? Boolean.compare(a.keyIndustry() != null, b.keyIndustry() != null)
                        : Integer.compare(a.itemNo(), b.itemNo()))
                .map(ChecklistItemView::id)
                .orElse(null);
    }

    private static String exceedanceNote(List<RecordContent.Measurement> exceeding) {
        return exceeding.stream()
                .map(m -> "%s %s %s %s > %s (%s)"
                        .formatted(
                                m.outletCode(), m.pollutantName(), m.averaging(), m.value(), m.limit(), m.standard()))
                .collect(Collectors.joining("; ", "measured above the permitted limit: ", ""));
    }

    /** mg/m3, mg/m³ and MG/M3 are the same unit. */
    static String normaliseUnit(String unit) {
        return unit == null
                ? ""
                : unit.toLowerCase(Locale.ROOT)
                        .replace("³", "3")
                        .replace("^", "")
                        .replace(" ", "");
    }
}
