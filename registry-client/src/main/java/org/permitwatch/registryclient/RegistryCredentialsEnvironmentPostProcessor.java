package org.permitwatch.registryclient;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Logs this application in to the registry: {@code REGISTRY_PASSWORD} (and {@code REGISTRY_USERNAME}, by default
 * {@code spring.application.name}) become the userinfo of every {@code eureka.client.service-url.*} URL, in a
 * property source that wins over the others. The registry refuses writes without them (issue 11).
 * Runs after config data and after platform-support's defaults, which supply the service URL of the services.
 */
public class RegistryCredentialsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "permitwatchRegistryCredentials";
    private static final String SERVICE_URL = "eureka.client.service-url";

    private final Log log;

    public RegistryCredentialsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(RegistryCredentialsEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE_NAME)
                || !environment.getProperty("eureka.client.enabled", Boolean.class, true)) {
            return;
        }
        String password = environment.getProperty("REGISTRY_PASSWORD", "");
        String username =
                environment.getProperty("REGISTRY_USERNAME", environment.getProperty("spring.application.name", ""));
        if (password.isEmpty() || username.isEmpty()) {
            // A standalone registry (local) neither registers nor fetches: nothing to warn about.
            if (environment.getProperty("eureka.client.register-with-eureka", Boolean.class, true)
                    || environment.getProperty("eureka.client.fetch-registry", Boolean.class, true)) {
                log.warn("REGISTRY_PASSWORD is not set: the registry will refuse this application's registration "
                        + "(and its registry reads) unless EUREKA_URL carries credentials");
            }
            return;
        }
        RegistryCredentials credentials = new RegistryCredentials(username, password);
        Map<String, String> zones = Binder.get(environment)
                .bind(SERVICE_URL, Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        Map<String, Object> withCredentials = new LinkedHashMap<>();
        zones.forEach((zone, urls) -> withCredentials.put(SERVICE_URL + "." + zone, credentials.addTo(urls)));
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, withCredentials));
        log.info("registry client '" + username + "': credentials added to the Eureka service URLs of zones "
                + zones.keySet());
    }

    /** After PermitWatchDefaultsEnvironmentPostProcessor (LOWEST_PRECEDENCE - 100). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 50;
    }
}
