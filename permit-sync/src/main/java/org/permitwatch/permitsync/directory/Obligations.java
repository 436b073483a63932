package org.permitwatch.permitsync.directory;

import java.util.List;
import org.permitwatch.permitsync.connector.PermitDetail;

/** The permit's obligations besides outlet limits, kept as the platform lists them (stored as jsonb). */
record Obligations(
        List<PermitDetail.FugitiveControl> fugitiveControls,
        List<PermitDetail.SelfMonitoring> selfMonitoring,
        List<String> executionReports,
        List<PermitDetail.SpecialPeriod> specialPeriods) {

    Obligations {
        fugitiveControls = fugitiveControls == null ? List.of() : List.copyOf(fugitiveControls);
        selfMonitoring = selfMonitoring == null ? List.of() : List.copyOf(selfMonitoring);
        executionReports = executionReports == null ? List.of() : List.copyOf(executionReports);
        specialPeriods = specialPeriods == null ? List.of() : List.copyOf(specialPeriods);
    }

    static Obligations empty() {
        return new Obligations(List.of(), List.of(), List.of(), List.of());
    }
}
