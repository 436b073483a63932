package org.permitwatch.monitoring;

import org.permitwatch.testsupport.ServiceSmokeTest;

/** monitoring-service passes the checks every service must pass from its first start (see {@link ServiceSmokeTest}). */
@MonitoringIntegrationTest
class MonitoringApplicationIT extends ServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "monitoring-service";
    }

    @Override
    protected String ownTable() {
        return "monitoring_point";
    }
}
