package org.permitwatch.support.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 Appendix B: the published test vectors (8 digits, T0 = 0, X = 30 s). */
class TotpTest {

    // The RFC's seeds: "12345678901234567890" repeated to 20, 32 and 64 bytes for SHA-1, SHA-256, SHA-512.
    static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SEED_SHA512 =
            ("1234567890123456789012345678901234567890123456789012345678901234").getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
        // time (s), T (hex in the RFC), TOTP SHA1, TOTP SHA256, TOTP SHA512
        "59,          1,        94287082, 46119246, 90693936",
        "1111111109,  37037036, 07081804, 68084774, 25091201",
        "1111111111,  37037037, 14050471, 67062674, 99943326",
        "1234567890,  41152263, 89005924, 91819424, 93441116",
        "2000000000,  66666666, 69279037, 90698825, 38618901",
        "20000000000, 666666666, 65353130, 77737706, 47863826"
    })
    void rfc6238AppendixB(long seconds, long step, String sha1, String sha256, String sha512) {
        // T = floor(seconds / 30): 59 / 30 = 1; 1111111109 / 30 = 37037036.97 → 37037036
        assertThat(Totp.step(Instant.ofEpochSecond(seconds))).isEqualTo(step);
        assertThat(Totp.code(SEED_SHA1, step, "HmacSHA1", 8)).isEqualTo(sha1);
        assertThat(Totp.code(SEED_SHA256, step, "HmacSHA256", 8)).isEqualTo(sha256);
        assertThat(Totp.code(SEED_SHA512, step, "HmacSHA512", 8)).isEqualTo(sha512);
    }

    @Test
    void sixDigitsAreTheLastSixOfTheEightDigitCode() {
        // 94287082 mod 10^6 = 287082: both come from the same truncated 31-bit number.
        assertThat(Totp.code(SEED_SHA1, 1, Totp.SHA1, 6)).isEqualTo("287082");
    }

    @Test
    void acceptsOneStepEitherSideAndNoMore() {
        Instant at = Instant.ofEpochSecond(1111111111); // step 37037037
        String current = Totp.code(SEED_SHA1, 37037037, Totp.SHA1, 6);
        String previous = Totp.code(SEED_SHA1, 37037036, Totp.SHA1, 6);
        String next = Totp.code(SEED_SHA1, 37037038, Totp.SHA1, 6);
        String twoBack = Totp.code(SEED_SHA1, 37037035, Totp.SHA1, 6);
        assertThat(Totp.verify(SEED_SHA1, current, at)).isTrue();
        assertThat(Totp.verify(SEED_SHA1, previous, at)).isTrue();
        assertThat(Totp.verify(SEED_SHA1, next, at)).isTrue();
        assertThat(Totp.verify(SEED_SHA1, twoBack, at)).isFalse();
        assertThat(Totp.verify(SEED_SHA1, "12345", at)).isFalse();
        assertThat(Totp.verify(SEED_SHA1, null, at)).isFalse();
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        // RFC 4648 §10: BASE32("foobar") = "MZXW6YTBOI======" (we print without padding)
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(new String(Base32.decode("MZXW6YTBOI======"), StandardCharsets.US_ASCII))
                .isEqualTo("foobar");
        assertThat(Base32.decode(Base32.encode(SEED_SHA1))).isEqualTo(SEED_SHA1);
        // 20 bytes = 160 bits = 32 base32 characters
        assertThat(Base32.encode(SEED_SHA1)).hasSize(32);
    }

    @Test
    void uriCarriesTheSecretAndParameters() {
        assertThat(Totp.uri("PermitWatch", "sx-admin", "foobar".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("otpauth://totp/PermitWatch:sx-admin?secret=MZXW6YTBOI&issuer=PermitWatch"
                        + "&algorithm=SHA1&digits=6&period=30");
    }
}
