package dev.strongroom.signing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A key's id: the SHA-256, lowercase hex, of its public key in X.509 DER. Anyone can recompute it
 * from a PEM ({@code openssl pkey -pubin -in key.pem -outform DER | sha256sum}), so a published key
 * cannot be swapped under an id.
 */
public final class KeyId {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");

    private KeyId() {
    }

    public static String of(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean wellFormed(String id) {
        return id != null && FORM.matcher(id).matches();
    }
}
