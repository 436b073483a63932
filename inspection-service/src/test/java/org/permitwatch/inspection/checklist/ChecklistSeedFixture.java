package org.permitwatch.inspection.checklist;

import org.permitwatch.support.audit.AuditLog;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Installs the shipped province checklist the way the service does at start-up. The shared test context
 * ({@code InspectionIntegrationTest}) starts with {@code seed-enabled=false}: a seed installed at start-up would make
 * checklist_version and checklist_item reference data of the shared database, never emptied between classes, and
 * with them every version another class publishes. The classes that need the shipped checklist call {@link #install} in {@code @BeforeAll}, after the
 * database was emptied: a seeder enabled exactly as in production runs as the ApplicationRunner it is.
 */
final class ChecklistSeedFixture {

    private ChecklistSeedFixture() {}

    static void install(ApplicationContext context) {
        Resource seed = context.getResource(context.getEnvironment()
                .getProperty("permitwatch.inspection.checklist.seed-resource", "classpath:checklist/province-v1.json"));
        new ChecklistSeeder(
                        context.getBean(DatabaseClient.class),
                        context.getBean(ChecklistStore.class),
                        context.getBean(AuditLog.class),
                        context.getBean(JsonMapper.class),
                        context.getBean(ReactiveTransactionManager.class),
                        seed,
                        true)
                .run(new DefaultApplicationArguments());
    }
}
