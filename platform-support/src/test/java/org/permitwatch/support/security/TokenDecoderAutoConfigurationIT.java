package org.permitwatch.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.permitwatch.testsupport.TestJwts;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** Fail closed: without a configured issuer and audience there is no decoder, and no component starts. */
class TokenDecoderAutoConfigurationIT {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(ValidationAutoConfiguration.class, TokenDecoderAutoConfiguration.class))
            .withPropertyValues(TestJwts.PROPERTY + "=" + TestJwts.publicKeyLocation());

    @Test
    void refusesToStartWithoutIssuer() {
        runner.withPropertyValues("permitwatch.security.jwt.audiences=permitwatch")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("JWT_ISSUER"));
    }

    @Test
    void refusesToStartWithoutAudience() {
        runner.withPropertyValues("permitwatch.security.jwt.issuer=permitwatch-test")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("JWT_AUDIENCE"));
    }

    @Test
    void refusesToStartWithoutKey() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TokenDecoderAutoConfiguration.class))
                .withPropertyValues(
                        "permitwatch.security.jwt.issuer=permitwatch-test",
                        "permitwatch.security.jwt.audiences=permitwatch")
                .run(context ->
                        assertThat(context).getFailure().rootCause().hasMessageContaining("JWT_PUBLIC_KEY_LOCATION"));
    }

    @Test
    void buildsTheDecoderFromAPublicKeyOrAJwkSetUri() {
        runner.withPropertyValues(
                        "permitwatch.security.jwt.issuer=permitwatch-test",
                        "permitwatch.security.jwt.audiences=permitwatch,permitwatch-mobile")
                .run(context -> assertThat(context).hasSingleBean(ReactiveJwtDecoder.class));
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TokenDecoderAutoConfiguration.class))
                .withPropertyValues(
                        "permitwatch.security.jwt.issuer=https://idp.example/realms/sx",
                        "permitwatch.security.jwt.audiences=permitwatch",
                        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=https://idp.example/realms/sx/certs")
                .run(context -> assertThat(context).hasSingleBean(ReactiveJwtDecoder.class));
    }
}
