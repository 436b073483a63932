package org.permitwatch.inspection;

import org.permitwatch.testsupport.openapi.OpenApiContractTest;

/** The served OpenAPI document of inspection-service is docs/api/inspection-service.json, or changed only compatibly and on purpose. */
@InspectionIntegrationTest
class OpenApiContractIT extends OpenApiContractTest {

    @Override
    protected String serviceName() {
        return "inspection-service";
    }
}
