package org.permitwatch.testsupport;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Before each test class that runs in a shared context ({@link SharedTestDatabase}), removes what earlier classes
 * left behind, so a class sees what it would have seen in a context of its own:
 *
 * <ul>
 *   <li>the embedded broker's topics are emptied (Kafka's {@code deleteRecords} up to each partition's end): a test
 *       that reads a topic from the beginning, or a read model rebuilt by replaying the topics, sees only this
 *       class's records;
 *   <li>the database's tables are emptied, except those holding the migrations' reference data.
 * </ul>
 *
 * The first class in a context sees it exactly as it started. Registered for every Spring test through
 * {@code META-INF/spring.factories}; contexts without a shared database are
 * left alone. Consumer groups keep their committed offsets (at or before the new start of each partition; a group
 * behind it resets to the start, which is the end of what was deleted).
 */
public class CleanSharedStateListener implements TestExecutionListener, Ordered {

    @Override
    public void beforeTestClass(TestContext testContext) {
        ApplicationContext context = testContext.getApplicationContext();
        String name = context.getEnvironment().getProperty(SharedTestDatabase.NAME_PROPERTY);
        if (name == null || SharedTestDatabase.database(name) == null) {
            return;
        }
        if (!SharedTestDatabase.untouched(name)) {
            // The first class sees the context as it started (start-up events included), as with one of its own.
            context.getBeanProvider(EmbeddedKafkaBroker.class).ifAvailable(broker -> emptyTopics(broker));
        }
        SharedTestDatabase.clean(name);
    }

    @Override
    public int getOrder() {
        // before the dependency-injection listener (2000) and anything a class does in @BeforeAll
        return 1000;
    }

    static void emptyTopics(EmbeddedKafkaBroker broker) {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            if (topics.isEmpty()) {
                return;
            }
            // Kafka refuses deleteRecords on a topic whose cleanup policy lacks "delete" (a compacted changelog such
            // as the directory's): open such topics for the deletion and close them again, so the tests still see the
            // policy the service created.
            Set<String> compactOnly = compactOnly(admin, topics);
            for (String topic : compactOnly) {
                setPolicy(admin, topic, "compact,delete");
            }
            try {
                deleteAll(admin, topics);
            } finally {
                for (String topic : compactOnly) {
                    setPolicy(admin, topic, TopicConfig.CLEANUP_POLICY_COMPACT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while emptying the embedded broker's topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not empty the embedded broker's topics", e);
        }
    }

    private static void deleteAll(Admin admin, Set<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> described =
                admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = described.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
        ends.forEach((tp, end) -> {
            if (end.offset() > 0) {
                delete.put(tp, RecordsToDelete.beforeOffset(end.offset()));
            }
        });
        if (!delete.isEmpty()) {
            admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static Set<String> compactOnly(Admin admin, Set<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        Map<ConfigResource, Config> configs =
                admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        Set<String> compact = new HashSet<>();
        configs.forEach((resource, config) -> {
            ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy != null && TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy.value())) {
                compact.add(resource.name());
            }
        });
        return compact;
    }

    /** Sets the policy and waits until the broker reports it (KRaft applies a config change asynchronously). */
    private static void setPolicy(Admin admin, String topic, String policy)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        admin.incrementalAlterConfigs(Map.of(
                        resource,
                        List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, policy), AlterConfigOp.OpType.SET))))
                .all()
                .get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!policy.equals(admin.describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                .value())) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("cleanup.policy of " + topic + " did not become " + policy);
            }
            Thread.sleep(20);
        }
    }
}
