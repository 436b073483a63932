package org.permitwatch.reporting;

import org.permitwatch.testsupport.ServiceSmokeTest;

/** reporting-service passes the checks every service must pass from its first start (see {@link ServiceSmokeTest}). */
@ReportingIntegrationTest
class ReportingApplicationIT extends ServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "reporting-service";
    }

    @Override
    protected String ownTable() {
        return "projection_progress";
    }
}
