package org.permitwatch.permitsync;

import org.permitwatch.testsupport.openapi.OpenApiContractTest;

/** The served OpenAPI document of permit-sync is docs/api/permit-sync.json, or changed only compatibly and on purpose. */
@PermitSyncIntegrationTest
class OpenApiContractIT extends OpenApiContractTest {

    @Override
    protected String serviceName() {
        return "permit-sync";
    }
}
