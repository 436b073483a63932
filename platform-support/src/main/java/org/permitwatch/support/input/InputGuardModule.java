package org.permitwatch.support.input;

import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.module.SimpleModule;

/**
 * Jackson module applying {@link InputRules} to every string, date and free-form value (including map keys) read by
 * a mapper. Registered only on the WebFlux <em>server</em> codecs by {@link InputAutoConfiguration}: Kafka consumers
 * and outbound clients (the national platform's replies, where "长期" validity may legitimately be 9999-12-31) keep
 * the plain mapper.
 */
public final class InputGuardModule extends SimpleModule {

    public InputGuardModule() {
        super("permitwatch-input-guard");
        setDeserializerModifier(new Modifier());
    }

    private static final class Modifier extends ValueDeserializerModifier {

        @Override
        public ValueDeserializer<?> modifyDeserializer(
                DeserializationConfig config, BeanDescription.Supplier beanDesc, ValueDeserializer<?> deserializer) {
            Class<?> type = beanDesc.getBeanClass();
            if (type == Object.class) {
                return new GuardedUntypedDeserializer();
            }
            return GuardedDeserializer.guards(type) ? new GuardedDeserializer(deserializer) : deserializer;
        }

        @Override
        public KeyDeserializer modifyKeyDeserializer(
                DeserializationConfig config, JavaType type, KeyDeserializer deserializer) {
            return type.getRawClass() == String.class || type.getRawClass() == Object.class
                    ? new GuardedKeyDeserializer(deserializer)
                    : deserializer;
        }
    }
}
