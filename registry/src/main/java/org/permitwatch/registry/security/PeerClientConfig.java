package org.permitwatch.registry.security;

import com.netflix.discovery.Jersey3DiscoveryClientOptionalArgs;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.netflix.eureka.server.ReplicationClientAdditionalFilters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A replica logs in to its peers as the PEER client of {@code permitwatch.registry.security.clients} (name
 * "registry", password REGISTRY_PASSWORD_REGISTRY): the same credentials it accepts from them. Without a peer
 * password (a single local registry) nothing is added.
 */
@Configuration(proxyBeanMethods = false)
class PeerClientConfig {

    /** Replaces Spring Cloud's empty default (it is {@code @ConditionalOnMissingBean}). */
    @Bean
    ReplicationClientAdditionalFilters replicationClientAdditionalFilters(Environment environment) {
        return new ReplicationClientAdditionalFilters(
                peerFilter(environment).map(List::of).orElse(List.of()));
    }

    /** Adds the filter to the registry's own Eureka client, keeping the TLS set-up Spring Cloud gives that bean. */
    @Bean
    static BeanPostProcessor peerDiscoveryClientCredentials(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof Jersey3DiscoveryClientOptionalArgs args) {
                    peerFilter(environment).ifPresent(filter -> {
                        List<ClientRequestFilter> filters = new ArrayList<>();
                        filters.add(filter);
                        args.setAdditionalFilters(filters);
                    });
                }
                return bean;
            }
        };
    }

    /** Read from the Environment: a static BeanPostProcessor must not depend on configuration-properties beans. */
    static Optional<ClientRequestFilter> peerFilter(Environment environment) {
        RegistrySecurityProperties properties = Binder.get(environment)
                .bind("permitwatch.registry.security", RegistrySecurityProperties.class)
                .orElse(null);
        if (properties == null) {
            return Optional.empty();
        }
        return properties.clients().stream()
                .filter(client -> client.access() == RegistryAccess.PEER)
                .filter(client ->
                        client.password() != null && !client.password().isEmpty())
                .findFirst()
                .map(client -> new PeerBasicAuthFilter(client.name(), client.password()));
    }
}
