package org.permitwatch.support.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code permitwatch-defaults.yml} (and {@code permitwatch-defaults-local.yml} under the {@code local}
 * profile, {@code permitwatch-defaults-k8s.yml} under {@code k8s}) with the LOWEST precedence. Why not {@code spring.config.import}: an imported file overrides the
 * file that imports it, so a service could not override a default in its own application.yml.
 * Switch off with {@code permitwatch.defaults.enabled=false}.
 */
public class PermitWatchDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String DEFAULTS = "permitwatch-defaults.yml";
    public static final String LOCAL_DEFAULTS = "permitwatch-defaults-local.yml";
    public static final String K8S_DEFAULTS = "permitwatch-defaults-k8s.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("permitwatch.defaults.enabled", Boolean.class, true)) {
            return;
        }
        // Added last = consulted last; the local file goes before the general one so it wins over it.
        if (environment.acceptsProfiles(org.springframework.core.env.Profiles.of("local"))) {
            addLast(environment, LOCAL_DEFAULTS);
        }
        if (environment.acceptsProfiles(org.springframework.core.env.Profiles.of("k8s"))) {
            addLast(environment, K8S_DEFAULTS);
        }
        addLast(environment, DEFAULTS);
    }

    private static void addLast(ConfigurableEnvironment environment, String file) {
        String name = "permitwatchDefaults:" + file;
        if (environment.getPropertySources().contains(name)) {
            return;
        }
        ClassPathResource resource =
                new ClassPathResource(file, PermitWatchDefaultsEnvironmentPostProcessor.class.getClassLoader());
        if (!resource.exists()) {
            return;
        }
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(name, resource);
            sources.forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** After config data, so profiles activated in application.yml are known. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 100;
    }
}
