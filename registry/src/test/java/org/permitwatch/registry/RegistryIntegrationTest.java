package org.permitwatch.registry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A standalone registry (no peer) with every client the tests log in as. Every class that uses only this annotation
 * shares one context. Reads are never served from the read-only response cache, and the read-write cache is
 * refreshed every 100 ms, so a registration is visible at once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.server.use-read-only-response-cache=false",
            "eureka.server.response-cache-update-interval-ms=100",
            "REGISTRY_PASSWORD_PERMIT_SYNC=" + RegistryApplicationIT.PASSWORD,
            "REGISTRY_PASSWORD_GATEWAY=" + RegistrySecurityIT.GATEWAY_PASSWORD,
            "REGISTRY_PASSWORD_INSPECTION_SERVICE=" + RegistrySecurityIT.INSPECTION_PASSWORD,
            "REGISTRY_PASSWORD_REPORTING_SERVICE=" + RegistrySecurityIT.REPORTING_PASSWORD,
            "REGISTRY_PASSWORD_IDENTITY_SERVICE=" + RegistrySecurityIT.IDENTITY_PASSWORD,
            "REGISTRY_PASSWORD_REGISTRY=" + RegistrySecurityIT.PEER_PASSWORD,
            "REGISTRY_PASSWORD_METRICS=" + RegistrySecurityIT.METRICS_PASSWORD
        })
public @interface RegistryIntegrationTest {}
