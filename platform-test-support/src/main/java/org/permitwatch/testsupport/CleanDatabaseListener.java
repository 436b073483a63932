package org.permitwatch.testsupport;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Before each test class that runs on a {@link SharedTestDatabase}, empties the tables the previous classes wrote, so
 * a class never sees another's rows. Registered for every Spring test through {@code META-INF/spring.factories};
 * contexts without a shared database are left alone.
 */
public class CleanDatabaseListener implements TestExecutionListener, Ordered {

    @Override
    public void beforeTestClass(TestContext testContext) {
        var environment = testContext.getApplicationContext().getEnvironment();
        String name = environment.getProperty(SharedTestDatabase.NAME_PROPERTY);
        if (name != null && SharedTestDatabase.database(name) != null) {
            SharedTestDatabase.clean(name);
        }
    }

    @Override
    public int getOrder() {
        // before the dependency-injection listener (2000) and anything a class does in @BeforeAll
        return 1000;
    }
}
