package org.permitwatch.identity.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under the key-encryption key (KEK, env IDENTITY_KEY_ENCRYPTION_KEY). Stored bytes are
 * {@code 12-byte IV || ciphertext+tag}; the associated data binds a ciphertext to its row (a signing key's kid, a
 * user's id), so a ciphertext copied onto another row does not decrypt.
 */
public final class KeyEncryption {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey kek;
    private final SecureRandom random = new SecureRandom();

    public KeyEncryption(String base64Kek) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Kek.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("IDENTITY_KEY_ENCRYPTION_KEY is not base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalStateException(
                    "IDENTITY_KEY_ENCRYPTION_KEY must be 32 bytes (base64 of `openssl rand 32`), got " + raw.length);
        }
        this.kek = new SecretKeySpec(raw, "AES");
    }

    public byte[] encrypt(byte[] plain, String associatedData) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] decrypt(byte[] stored, String associatedData) {
        if (stored == null || stored.length <= IV_BYTES) {
            throw new IllegalStateException("encrypted value too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            // A wrong KEK or a tampered row: never fall back to anything.
            throw new IllegalStateException(
                    "cannot decrypt a value sealed under the KEK (wrong key or tampered row)", e);
        }
    }
}
