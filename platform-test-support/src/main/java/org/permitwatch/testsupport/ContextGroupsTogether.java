package org.permitwatch.testsupport;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the test classes that share a Spring context one after the other, for a module whose integration tests need
 * more contexts than failsafe keeps ({@code spring.test.context.cache.maxSize=2}): were the classes interleaved, an
 * evicted context would boot again. Classes are grouped by their annotations, attribute values included (e.g.
 * {@code @GatewayIntegrationTest} alone, or with one {@code @TestPropertySource}), then by name. A module opts in
 * with {@code junit.jupiter.testclass.order.default=org.permitwatch.testsupport.ContextGroupsTogether} in its test
 * {@code junit-platform.properties} (the gateway does).
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
