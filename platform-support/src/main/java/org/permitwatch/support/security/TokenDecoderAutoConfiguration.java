package org.permitwatch.support.security;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The {@link ReactiveJwtDecoder} of the gateway and of every service, with {@link TokenPolicy}'s validator. It
 * replaces Boot's decoder (which checks only signature and expiry, and accepts a token without {@code exp}). The
 * key comes from Boot's own properties: {@code public-key-location} locally, {@code jwk-set-uri} for a province IdP.
 * Switched off with the rest of the library's security ({@code permitwatch.security.enabled=false}).
 */
@AutoConfiguration(before = ReactiveOAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(ReactiveJwtDecoder.class)
@ConditionalOnBooleanProperty(name = "permitwatch.security.enabled", matchIfMissing = true)
@EnableConfigurationProperties({
    TokenPolicyProperties.class,
    VerifiedTokenCacheProperties.class,
    OAuth2ResourceServerProperties.class
})
public class TokenDecoderAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder permitWatchJwtDecoder(
            TokenPolicyProperties policy,
            VerifiedTokenCacheProperties cache,
            OAuth2ResourceServerProperties resourceServer) {
        OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
        OAuth2TokenValidator<Jwt> validator = TokenPolicy.validator(policy, Clock.systemUTC());
        ReactiveJwtDecoder decoder = TokenPolicy.decoder(jwt.getJwkSetUri(), jwt.getPublicKeyLocation(), validator);
        return cache.size() == 0 ? decoder : new VerifiedTokenCache(decoder, validator, cache.size(), cache.ttl());
    }
}
