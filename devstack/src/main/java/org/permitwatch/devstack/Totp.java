package org.permitwatch.devstack;

import com.nimbusds.jose.util.JSONArrayUtils;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code ./run.sh totp USER}: the current sign-in code of a demo user (issue 15), from the base32 {@code totpSecret}
 * that run.sh wrote into {@code demo-users.json} — what an authenticator app shows after scanning the secret.
 * RFC 6238 with the parameters every authenticator app assumes: HMAC-SHA1, 30 s steps, 6 digits.
 * <pre>
 * Totp --users .local/keys/demo-users.json --user sx-admin
 * </pre>
 */
public final class Totp {

    static final int STEP_SECONDS = 30;
    static final int DIGITS = 6;

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

    /** The RFC 6238 code for the time step that contains {@code at}. */
    static String code(String base32Secret, Instant at) {
        return code(base32(base32Secret), at.getEpochSecond() / STEP_SECONDS);
    }

    static String code(byte[] key, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            // RFC 4226 dynamic truncation: 31 bits from the offset named by the last nibble.
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24)
                    | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%0" + DIGITS + "d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /** RFC 4648 base32, case-insensitive, padding and spaces ignored (authenticator apps show it in groups). */
    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String clean = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = alphabet.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not base32: '" + c + "'");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
