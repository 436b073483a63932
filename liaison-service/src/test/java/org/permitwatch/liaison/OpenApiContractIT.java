package org.permitwatch.liaison;

import org.permitwatch.testsupport.openapi.OpenApiContractTest;

/** The served OpenAPI document of liaison-service is docs/api/liaison-service.json, or changed only compatibly and on purpose. */
@LiaisonIntegrationTest
class OpenApiContractIT extends OpenApiContractTest {

    @Override
    protected String serviceName() {
        return "liaison-service";
    }
}
