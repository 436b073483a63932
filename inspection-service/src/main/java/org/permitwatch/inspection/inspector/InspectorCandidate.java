package org.permitwatch.inspection.inspector;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An on-post inspector of a division, with the open assignments they carry and the permit numbers they must not be
 * sent to (回避).
 *
 * @param specialties      e.g. key industries or media the officer is trained for; free text codes
 * @param openAssignments  tasks ASSIGNED or IN_PROGRESS on them now (draws and clue tasks spread load by it)
 * @param conflictPermits  permit numbers of declared conflicts of interest
 */
public record InspectorCandidate(
        UUID id,
        String name,
        String divisionCode,
        List<String> specialties,
        int openAssignments,
        Set<String> conflictPermits) {

    public InspectorCandidate {
        specialties = List.copyOf(specialties);
        conflictPermits = Set.copyOf(conflictPermits);
    }

    public boolean conflictsWith(String permitNumber) {
        return conflictPermits.contains(permitNumber);
    }
}
