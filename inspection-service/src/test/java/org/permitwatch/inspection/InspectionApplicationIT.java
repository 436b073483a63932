package org.permitwatch.inspection;

import org.permitwatch.testsupport.ServiceSmokeTest;

/**
 * inspection-service passes the checks every service must pass from its first start (see {@link ServiceSmokeTest}),
 * in the context the service's other integration tests share.
 */
@InspectionIntegrationTest
class InspectionApplicationIT extends ServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "inspection-service";
    }

    @Override
    protected String ownTable() {
        return "directory_unit";
    }
}
