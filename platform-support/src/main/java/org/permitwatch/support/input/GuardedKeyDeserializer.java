package org.permitwatch.support.input;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;

/** Map keys are text too: {@code {"labels": {"a\u0000": "x"}}} is refused like a value would be. */
final class GuardedKeyDeserializer extends KeyDeserializer {

    private final KeyDeserializer delegate;

    GuardedKeyDeserializer(KeyDeserializer delegate) {
        this.delegate = delegate;
    }

    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws JacksonException {
        if (key != null && InputRules.hasForbiddenCharacter(key)) {
            throw new InputRejectedException(ctxt.getParser(), InputRules.TEXT_MESSAGE);
        }
        return delegate == null ? key : delegate.deserializeKey(key, ctxt);
    }
}
