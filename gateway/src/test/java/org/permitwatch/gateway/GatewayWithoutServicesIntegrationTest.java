package org.permitwatch.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.util.Map;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * The gateway with no downstream service running, its own context (the classes of {@link GatewayIntegrationTest}
 * need running services; these need none): permit-sync is registered at a port where nothing listens,
 * inspection-service has no instance at all, so whatever the gateway routes ends in the fallback's 503. The
 * management endpoints are on a port of their own (127.0.0.1), as in production.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eureka.client.enabled=false", "management.server.address=127.0.0.1"})
@ContextConfiguration(initializers = {TestJwts.Initializer.class, GatewayWithoutServicesIntegrationTest.Ports.class})
public @interface GatewayWithoutServicesIntegrationTest {

    /** A free management port and a closed port for permit-sync, chosen once per JVM. */
    final class Ports implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        private static final int[] FREE = freePorts();
        static final int MANAGEMENT = FREE[0];
        static final int CLOSED = FREE[1];

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "gatewayWithoutServices",
                            Map.of(
                                    "management.server.port",
                                    MANAGEMENT,
                                    "spring.cloud.discovery.client.simple.instances.permit-sync[0].uri",
                                    "http://127.0.0.1:" + CLOSED)));
        }

        /** Two different free ports (both sockets open at once). */
        private static int[] freePorts() {
            try (ServerSocket a = new ServerSocket(0);
                    ServerSocket b = new ServerSocket(0)) {
                return new int[] {a.getLocalPort(), b.getLocalPort()};
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
