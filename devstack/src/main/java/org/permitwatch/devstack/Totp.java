package org.permitwatch.devstack;

import com.nimbusds.jose.util.JSONArrayUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.permitwatch.support.totp.Base32;

/**
 * {@code ./run.sh totp USER}: the current sign-in code of a demo user (issue 15), from the base32 {@code totpSecret}
 * that run.sh wrote into {@code demo-users.json} — what an authenticator app shows after scanning the secret.
 * The arithmetic is platform-support's {@code org.permitwatch.support.totp.Totp}, the one the provider checks
 * codes with (this class only finds the secret and prints).
 * <pre>
 * Totp --users .local/keys/demo-users.json --user sx-admin
 * </pre>
 */
public final class Totp {

    private Totp() {}

    public static void main(String[] args) throws Exception {
        try {
            CommandLine line = CommandLine.parse(args, false);
            Path users = Path.of(line.require("users"));
            String user = line.require("user");
            System.out.println(code(
                    secretOf(Files.readString(users, StandardCharsets.UTF_8), user),
                    Clock.systemUTC().instant()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** The base32 TOTP secret of {@code username} in a demo-users.json array. */
    static String secretOf(String usersJson, String username) throws java.text.ParseException {
        List<Object> users = JSONArrayUtils.parse(usersJson);
        for (Object entry : users) {
            if (entry instanceof Map<?, ?> user && username.equalsIgnoreCase(String.valueOf(user.get("username")))) {
                Object secret = user.get("totpSecret");
                if (secret == null || String.valueOf(secret).isBlank()) {
                    throw new IllegalArgumentException(username + " signs in without a TOTP code (no totpSecret)");
                }
                return String.valueOf(secret);
            }
        }
        throw new IllegalArgumentException("no user " + username + " in the demo users");
    }

    /** The code an authenticator app shows at {@code at} (platform-support's Totp: the provider's own rule). */
    static String code(String base32Secret, Instant at) {
        return org.permitwatch.support.totp.Totp.code(
                Base32.decode(base32Secret),
                org.permitwatch.support.totp.Totp.step(at),
                org.permitwatch.support.totp.Totp.SHA1,
                org.permitwatch.support.totp.Totp.DIGITS);
    }
}
