package org.permitwatch.liaison;

import org.permitwatch.testsupport.ServiceSmokeTest;

/** liaison-service passes the checks every service must pass from its first start (see {@link ServiceSmokeTest}). */
@LiaisonIntegrationTest
class LiaisonApplicationIT extends ServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "liaison-service";
    }

    @Override
    protected String ownTable() {
        return "liaison_contact";
    }
}
