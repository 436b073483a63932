package org.permitwatch.permitsync;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.core.Ordered;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Lets platform-test-support's {@code CleanSharedStateListener} (order 1000) empty permit-sync's compacted directory
 * changelog before each test class: Kafka refuses {@code deleteRecords} on a topic whose cleanup policy lacks
 * {@code delete}. {@link Open} (just before it) switches every compact-only topic of the embedded broker to
 * {@code compact,delete}; {@link Close} (just after it) switches them back, so the tests see the topic as the
 * service creates it (LargeSyncIT checks the policy). Registered in {@code META-INF/spring.factories}.
 */
public final class CompactedTopicsEmptiable {

    private static final Set<String> OPENED = new HashSet<>();

    private CompactedTopicsEmptiable() {}

    public static final class Open implements TestExecutionListener, Ordered {
        @Override
        public void beforeTestClass(TestContext testContext) throws Exception {
            EmbeddedKafkaBroker broker = testContext
                    .getApplicationContext()
                    .getBeanProvider(EmbeddedKafkaBroker.class)
                    .getIfAvailable();
            if (broker == null) {
                return;
            }
            synchronized (OPENED) {
                try (Admin admin = admin(broker)) {
                    Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                    for (String topic : topics) {
                        if (TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy(admin, topic))) {
                            setPolicy(admin, topic, "compact,delete");
                            OPENED.add(topic);
                        }
                    }
                }
            }
        }

        @Override
        public int getOrder() {
            return 990;
        }
    }

    public static final class Close implements TestExecutionListener, Ordered {
        @Override
        public void beforeTestClass(TestContext testContext) throws Exception {
            synchronized (OPENED) {
                if (OPENED.isEmpty()) {
                    return;
                }
                EmbeddedKafkaBroker broker = testContext.getApplicationContext().getBean(EmbeddedKafkaBroker.class);
                try (Admin admin = admin(broker)) {
                    for (String topic : OPENED) {
                        setPolicy(admin, topic, TopicConfig.CLEANUP_POLICY_COMPACT);
                    }
                }
                OPENED.clear();
            }
        }

        @Override
        public int getOrder() {
            return 1010;
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    private static String policy(Admin admin, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            return admin.describeConfigs(List.of(resource))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                    .value();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the cleanup policy of " + topic, e);
        }
    }

    /** Sets the policy and waits until the broker reports it (KRaft applies config changes asynchronously). */
    private static void setPolicy(Admin admin, String topic, String policy) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            admin.incrementalAlterConfigs(Map.of(
                            resource,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, policy),
                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!policy.equals(policy(admin, topic))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cleanup.policy of " + topic + " did not become " + policy);
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not set the cleanup policy of " + topic + " to " + policy, e);
        }
    }
}
