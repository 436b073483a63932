package org.permitwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B's SHA-1 seed, the ASCII "12345678901234567890", in base32. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void base32DecodesTheRfcSeed() {
        assertThat(org.permitwatch.support.totp.Base32.decode(RFC_SECRET))
                .isEqualTo("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        // Lower case, groups and padding as authenticator apps display them.
        assertThat(org.permitwatch.support.totp.Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq=="))
                .isEqualTo(org.permitwatch.support.totp.Base32.decode(RFC_SECRET));
    }

    @Test
    void codesAreTheRfc6238TestVectorsTruncatedToSixDigits() {
        // RFC 6238 appendix B, SHA-1, 8 digits: T=59 -> 94287082, T=1111111109 -> 07081804,
        // T=1234567890 -> 89005924, T=2000000000 -> 69279037. Six digits are the last six (mod 10^6).
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1_111_111_109L))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(1_234_567_890L))).isEqualTo("005924");
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(2_000_000_000L))).isEqualTo("279037");
        // One 30 s step: 59 s is step 1, 60 s step 2.
        assertThat(Totp.code(RFC_SECRET, Instant.ofEpochSecond(30)))
                .isEqualTo(Totp.code(RFC_SECRET, Instant.ofEpochSecond(59)));
    }

    @Test
    void theSecretComesFromTheDemoUsersFile() throws Exception {
        String users = "[{\"username\":\"xd-admin\",\"password\":\"p\"},"
                + "{\"username\":\"sx-admin\",\"password\":\"p\",\"totpSecret\":\"" + RFC_SECRET + "\"}]";
        assertThat(Totp.secretOf(users, "SX-admin")).isEqualTo(RFC_SECRET);
        assertThatThrownBy(() -> Totp.secretOf(users, "xd-admin")).hasMessageContaining("without a TOTP code");
        assertThatThrownBy(() -> Totp.secretOf(users, "nobody")).hasMessageContaining("no user nobody");
    }
}
