package org.permitwatch.identity.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyEncryptionTest {

    static final String KEK = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void layoutIsIvThenCiphertextAndTag() {
        KeyEncryption e = new KeyEncryption(KEK);
        byte[] plain = "secret".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = e.encrypt(plain, "kid-1");
        // 12-byte IV + 6 bytes ciphertext + 16-byte GCM tag = 34
        assertThat(sealed).hasSize(12 + 6 + 16);
        assertThat(e.decrypt(sealed, "kid-1")).isEqualTo(plain);
    }

    @Test
    void anotherRowOrAnotherKeyDoesNotDecrypt() {
        KeyEncryption e = new KeyEncryption(KEK);
        byte[] sealed = e.encrypt(new byte[] {1, 2, 3}, "kid-1");
        assertThatThrownBy(() -> e.decrypt(sealed, "kid-2")).isInstanceOf(IllegalStateException.class);
        byte[] other = new byte[32];
        other[0] = 1;
        KeyEncryption wrong = new KeyEncryption(Base64.getEncoder().encodeToString(other));
        assertThatThrownBy(() -> wrong.decrypt(sealed, "kid-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void kekMustBe32Bytes() {
        assertThatThrownBy(() -> new KeyEncryption(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("must be 32 bytes");
    }
}
