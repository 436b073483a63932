package org.permitwatch.support.input;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value refused by {@link InputRules}. A Jackson exception so the deserializers around it add the JSON path
 * as it propagates; its message is plain text meant for the caller (no Java types), which the problem factory shows.
 */
public class InputRejectedException extends MismatchedInputException {

    private final String plainMessage;

    InputRejectedException(JsonParser parser, String plainMessage) {
        super(parser, plainMessage);
        this.plainMessage = plainMessage;
    }

    /** What is wrong with the value, for the caller. */
    public String plainMessage() {
        return plainMessage;
    }
}
