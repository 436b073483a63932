package org.permitwatch.support.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperationIdsTest {

    @Test
    void resourceThenMethod() {
        assertThat(OperationIds.idOf("CaseController", "propose")).isEqualTo("casePropose");
        assertThat(OperationIds.idOf("ChecklistController", "list")).isEqualTo("checklistList");
        assertThat(OperationIds.idOf("OverdueDraws", "overdue")).isEqualTo("overdueDrawsOverdue");
    }

    @Test
    void aMethodRepeatingTheResourcesLastWordIsNotSaidTwice() {
        assertThat(OperationIds.idOf("SummaryController", "summary")).isEqualTo("summary");
        assertThat(OperationIds.idOf("UnitHistoryController", "history")).isEqualTo("unitHistory");
    }
}
