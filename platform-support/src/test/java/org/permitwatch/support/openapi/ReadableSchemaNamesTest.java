package org.permitwatch.support.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.junit.jupiter.api.Test;

class ReadableSchemaNamesTest {

    @Test
    void nestedRecordsKeepTheirEnclosingTypeAndLoseThePackage() {
        assertThat(ReadableSchemaNames.readable("org.permitwatch.inspection.cases.CaseViews.Proposal"))
                .isEqualTo("CaseViewsProposal");
        assertThat(ReadableSchemaNames.readable("org.permitwatch.inspection.penalty.PenaltyRequests$Proposal"))
                .isEqualTo("PenaltyRequestsProposal");
        assertThat(ReadableSchemaNames.readable("org.permitwatch.inspection.finding.FindingView"))
                .isEqualTo("FindingView");
    }

    @Test
    void genericTypesLoseTheGluedPackageOfTheirParameter() {
        assertThat(ReadableSchemaNames.readable("PageResponseOrg.permitwatch.inspection.alert.AlertView"))
                .isEqualTo("PageResponseAlertView");
        assertThat(ReadableSchemaNames.readable("PageResponseOrg.permitwatch.inspection.cases.CaseViews.Summary"))
                .isEqualTo("PageResponseCaseViewsSummary");
    }

    @Test
    void referencesFollowTheRenamedSchemas() {
        OpenAPI api = new OpenAPI()
                .components(new Components()
                        .addSchemas(
                                "org.x.A.Inner",
                                new ObjectSchema()
                                        .addProperty("b", new Schema<>().$ref("#/components/schemas/org.x.B")))
                        .addSchemas("org.x.B", new ObjectSchema()));
        ReadableSchemaNames.apply(api);
        assertThat(api.getComponents().getSchemas()).containsOnlyKeys("AInner", "B");
        assertThat(((Schema<?>) api.getComponents()
                                .getSchemas()
                                .get("AInner")
                                .getProperties()
                                .get("b"))
                        .get$ref())
                .isEqualTo("#/components/schemas/B");
    }

    @Test
    void twoClassesOfOneReadableNameFailInsteadOfMerging() {
        OpenAPI api = new OpenAPI()
                .components(new Components()
                        .addSchemas("org.x.A.B", new ObjectSchema())
                        .addSchemas("org.y.AB", new ObjectSchema()));
        assertThatThrownBy(() -> ReadableSchemaNames.apply(api)).hasMessageContaining("AB");
    }
}
