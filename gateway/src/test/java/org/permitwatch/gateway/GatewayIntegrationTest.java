package org.permitwatch.gateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.permitwatch.testsupport.TestJwts;
import org.permitwatch.testsupport.TestS3;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The gateway in front of the four downstream services ({@link Downstreams#SHARED}, WireMock, found through the
 * simple discovery client instead of Eureka). Every class that uses only this annotation shares one context.
 *
 * <p>The union of the classes' settings: CORS for {@code http://localhost:*}, a 1 s timeout for liaison-service
 * (the routing test's slow-service case; no other test calls liaison-service slowly), and a filter that fails on
 * {@code /api/v1/plans/boom} only ({@link GatewayTestConfiguration}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "permitwatch.gateway.services.liaison-service.timeout=1s",
            "permitwatch.gateway.cors.allowed-origins=http://localhost:*"
        })
@ContextConfiguration(initializers = {TestJwts.Initializer.class, Downstreams.Initializer.class, TestS3.class})
@Import(GatewayTestConfiguration.class)
public @interface GatewayIntegrationTest {}
