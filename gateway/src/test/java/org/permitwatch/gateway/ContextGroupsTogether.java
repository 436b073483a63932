package org.permitwatch.gateway;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the test classes that share a Spring context one after the other. The gateway's integration tests need a few
 * contexts (see the classes' comments) and failsafe keeps two ({@code spring.test.context.cache.maxSize=2}): were
 * the classes interleaved, an evicted context would boot again. Classes are grouped by their annotations, attribute
 * values included ({@code @GatewayIntegrationTest} alone, with one {@code @TestPropertySource}, …), then by name.
 * Registered in {@code junit-platform.properties}.
 */
public class ContextGroupsTogether implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors()
                .sort(Comparator.comparing((org.junit.jupiter.api.ClassDescriptor d) -> group(d.getTestClass()))
                        .thenComparing(d -> d.getTestClass().getName()));
    }

    private static String group(Class<?> testClass) {
        return Arrays.stream(testClass.getAnnotations())
                .filter(a -> !a.annotationType().getName().startsWith("org.junit."))
                .map(Annotation::toString)
                .sorted()
                .toList()
                .toString();
    }
}
