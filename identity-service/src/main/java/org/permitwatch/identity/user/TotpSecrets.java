package org.permitwatch.identity.user;

import java.util.UUID;
import org.permitwatch.identity.keys.KeyEncryption;

/** TOTP secrets sealed under the KEK like the signing keys; the user's id is the associated data. */
public class TotpSecrets {

    private final KeyEncryption encryption;

    public TotpSecrets(KeyEncryption encryption) {
        this.encryption = encryption;
    }

    public byte[] seal(UUID userId, byte[] secret) {
        return encryption.encrypt(secret, aad(userId));
    }

    public byte[] open(UUID userId, byte[] sealed) {
        return encryption.decrypt(sealed, aad(userId));
    }

    private static String aad(UUID userId) {
        return "totp:" + userId;
    }
}
