package dev.strongroom.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** PEM as the vault writes it and openssl reads it: X.509 "PUBLIC KEY" and PKCS#8 "PRIVATE KEY". */
public final class Pem {

    private Pem() {
    }

    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The DER inside one PEM block, whatever its type. */
    public static byte[] decode(String pem) {
        String body = pem.replaceAll("-----[A-Z0-9 ]+-----", "").replaceAll("\\s", "");
        if (body.isEmpty()) {
            throw new IllegalArgumentException("no PEM body");
        }
        return Base64.getDecoder().decode(body);
    }

    /** @throws IllegalArgumentException when the text is not an Ed25519 public key in PEM */
    public static PublicKey ed25519PublicKey(String pem) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(decode(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }
}
