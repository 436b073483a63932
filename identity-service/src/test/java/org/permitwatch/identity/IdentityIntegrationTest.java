package org.permitwatch.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.permitwatch.testsupport.SettableClock;
import org.permitwatch.testsupport.SharedTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;

/**
 * identity-service's integration tests: one context on a random port, one embedded PostgreSQL database
 * (SharedTestDatabase, emptied of users and audit rows before each class; keys and built-in clients made at start stay),
 * one {@link SettableClock}. The local CLI is on (its secret is {@link #CLI_SECRET}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "logging.structured.format.console=",
            "permitwatch.identity.issuer=" + IdentityIntegrationTest.ISSUER,
            "permitwatch.identity.key-encryption-key=" + IdentityIntegrationTest.KEK,
            "permitwatch.identity.local-cli-secret=" + IdentityIntegrationTest.CLI_SECRET,
            "permitwatch.identity.console-redirect-uris=http://127.0.0.1:9/console/callback"
        })
@ContextConfiguration(initializers = SharedTestDatabase.class)
@Import(IdentityIntegrationTest.TestClock.class)
public @interface IdentityIntegrationTest {

    String ISSUER = "http://localhost:8080/auth";
    /** base64 of the 32 bytes 0x00..0x1f: a test KEK. */
    String KEK = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    String CLI_SECRET = "local-cli-test-secret";

    @TestConfiguration(proxyBeanMethods = false)
    class TestClock {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock();
        }
    }
}
