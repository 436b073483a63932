package org.permitwatch.monitoring;

import org.permitwatch.testsupport.openapi.OpenApiContractTest;

/** The served OpenAPI document of monitoring-service is docs/api/monitoring-service.json, or changed only on purpose. */
@MonitoringIntegrationTest
class OpenApiContractIT extends OpenApiContractTest {

    @Override
    protected String serviceName() {
        return "monitoring-service";
    }
}
