package org.permitwatch.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Local token tool used by run.sh.
 * <pre>
 * Tokens init --dir .local/keys
 * Tokens mint --dir .local/keys --role CITY --division 140100 [--sub u1 --name N --scope pii:read --ttl 8h]
 *             [--iss ISSUER --aud AUDIENCE[,AUDIENCE]]
 * </pre>
 * {@code --role} accepts a comma-separated list for users holding several roles. The issuer and audience default
 * to the environment's {@code JWT_ISSUER}/{@code JWT_AUDIENCE}, else the local values run.sh starts the platform
 * with. No claim rule is enforced here on purpose (a CITY role at 140000, a 2-day ttl): the platform refuses such
 * tokens, and minting them is how that is tried by hand.
 */
public final class Tokens {

    private static final List<String> ROLES = List.of("PROVINCE", "CITY", "COUNTY", "INSPECTOR");

    private Tokens() {}

    public static void main(String[] args) throws Exception {
        try {
            CommandLine line = CommandLine.parse(args, true);
            Path dir = Path.of(line.get("dir", ".local/keys"));
            if ("init".equals(line.command())) {
                boolean created = LocalKeys.initIfMissing(dir);
                System.out.println((created ? "created " : "kept existing ") + dir.resolve(LocalKeys.PUBLIC_FILE));
            } else if ("mint".equals(line.command())) {
                System.out.println(new TokenMinter(LocalKeys.readPrivate(dir)).mint(request(line), Instant.now()));
            } else {
                throw new IllegalArgumentException("usage: Tokens init|mint --dir DIR [--role R --division D ...]");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    static TokenRequest request(CommandLine line) {
        List<String> roles = Arrays.stream(line.require("role").split(","))
                .map(role -> role.trim().toUpperCase(Locale.ROOT))
                .filter(role -> !role.isEmpty())
                .toList();
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role " + role + ", expected one of " + ROLES);
            }
        }
        String division = line.require("division");
        String subject = line.get("sub", roles.get(0).toLowerCase(Locale.ROOT) + "-" + division);
        String name = line.get("name", "Local " + roles.get(0).toLowerCase(Locale.ROOT) + " " + division);
        String issuer = line.get("iss", env("JWT_ISSUER", TokenRequest.ISSUER));
        List<String> audience = Arrays.stream(line.get("aud", env("JWT_AUDIENCE", TokenRequest.AUDIENCE))
                        .split(","))
                .map(String::trim)
                .filter(a -> !a.isEmpty())
                .toList();
        return new TokenRequest(
                subject, name, roles, division, line.get("scope", null), ttl(line.get("ttl", "8h")), issuer, audience);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Accepts 90s, 30m, 8h, 2d or an ISO-8601 duration. */
    static Duration ttl(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            return Duration.parse(value.toUpperCase(Locale.ROOT));
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("ttl like 8h, 30m, 90s or 2d: " + text);
        };
    }
}
