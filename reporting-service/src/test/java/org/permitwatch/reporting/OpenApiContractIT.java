package org.permitwatch.reporting;

import org.permitwatch.testsupport.openapi.OpenApiContractTest;

/** The served OpenAPI document of reporting-service is docs/api/reporting-service.json, or changed only compatibly and on purpose. */
@ReportingIntegrationTest
class OpenApiContractIT extends OpenApiContractTest {

    @Override
    protected String serviceName() {
        return "reporting-service";
    }
}
