package org.permitwatch.devstack;

import java.util.HashMap;
import java.util.Map;

/** Minimal `--name value` argument parser: the devstack mains must not pull in a CLI library. */
final class CommandLine {

    private final Map<String, String> options = new HashMap<>();
    private final String command;

    private CommandLine(String command) {
        this.command = command;
    }

    static CommandLine parse(String[] args, boolean firstIsCommand) {
        int start = firstIsCommand && args.length > 0 && !args[0].startsWith("--") ? 1 : 0;
        CommandLine line = new CommandLine(start == 1 ? args[0] : null);
        for (int i = start; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                line.options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                line.options.put(arg.substring(2), args[++i]);
            } else {
                line.options.put(arg.substring(2), "true");
            }
        }
        return line;
    }

    String command() {
        return command;
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    String require(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }

    int getInt(String name, int fallback) {
        String value = options.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
