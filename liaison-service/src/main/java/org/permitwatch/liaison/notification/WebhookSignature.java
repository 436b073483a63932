package org.permitwatch.liaison.notification;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signature of a webhook delivery. The signed string is {@code <timestamp>.<body>}, so a receiver that
 * rejects old timestamps also rejects replays of a captured request.
 */
public final class WebhookSignature {

    /** {@code sha256=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-PermitWatch-Signature";
    /** Unix seconds when the request was signed. */
    public static final String TIMESTAMP_HEADER = "X-PermitWatch-Timestamp";
    /** The notification id: the same for every retry of one delivery, so a receiver can drop duplicates. */
    public static final String DELIVERY_HEADER = "X-PermitWatch-Delivery";

    private WebhookSignature() {}

    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time check of a received signature header. */
    public static boolean verify(String secret, String timestamp, String body, String signatureHeader) {
        if (signatureHeader == null || timestamp == null) {
            return false;
        }
        return MessageDigest.isEqual(
                sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
                signatureHeader.getBytes(StandardCharsets.UTF_8));
    }
}
