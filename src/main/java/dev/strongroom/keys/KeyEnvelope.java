package dev.strongroom.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.strongroom.signing.KeyJson;
import dev.strongroom.signing.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A private key encrypted for the backup ({@code keys/<key id>.envelope.json} in the bucket): its
 * PKCS#8 bytes under AES-256-GCM with a fresh 256-bit key, which is itself kept either by KMS (the
 * encrypted data key) or not at all (derived again from the passphrase with scrypt). The key id is
 * authenticated data, so an envelope cannot be passed off as another key's.
 *
 * @param kms set for {@link Protection#KMS}
 * @param scrypt set for {@link Protection#PASSPHRASE}
 * @param ciphertext base64 of the encrypted PKCS#8 DER followed by the 16-byte GCM tag
 */
@JsonPropertyOrder({ "format", "keyId", "protection", "kms", "scrypt", "cipher", "iv", "ciphertext" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyEnvelope(String format, String keyId, Protection protection, Kms kms, Scrypt scrypt, String cipher,
        String iv, String ciphertext) {

    public static final String FORMAT = "strongroom-key-envelope/1";
    static final String CIPHER = "AES-256-GCM";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param keyArn the KMS key that issued the data key
     * @param encryptedDataKey the data key as KMS encrypted it (base64 CiphertextBlob)
     * @param encryptionContext what KMS bound the data key to; Decrypt must name the same
     */
    @JsonPropertyOrder({ "keyArn", "encryptedDataKey", "encryptionContext" })
    public record Kms(String keyArn, String encryptedDataKey, Map<String, String> encryptionContext) {
    }

    /** scrypt parameters: cost {@code n}, block size {@code r}, parallelism {@code p}, and the salt (base64). */
    @JsonPropertyOrder({ "salt", "n", "r", "p" })
    public record Scrypt(String salt, int n, int r, int p) {
    }

    /** What KMS binds a signing key's data key to; also checked by the IAM policy. */
    static Map<String, String> encryptionContext(String keyId) {
        return Map.of("purpose", "strongroom-signing-key", "keyId", keyId);
    }

    /** Encrypts the key under {@code dataKey} (32 bytes), which the caller then forgets. */
    static KeyEnvelope seal(SigningKey key, byte[] dataKey, Protection protection, Kms kms, Scrypt scrypt) {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        byte[] pkcs8 = key.pkcs8();
        try {
            Cipher gcm = cipher(Cipher.ENCRYPT_MODE, dataKey, iv, key.keyId());
            return new KeyEnvelope(FORMAT, key.keyId(), protection, kms, scrypt, CIPHER,
                    Base64.getEncoder().encodeToString(iv), Base64.getEncoder().encodeToString(gcm.doFinal(pkcs8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the signing key", e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * Decrypts with the recovered data key and checks that the key inside is the one named.
     *
     * @throws KeyNotRecovered when the data key is wrong or the envelope was altered
     */
    SigningKey open(byte[] dataKey) {
        if (!FORMAT.equals(format) || !CIPHER.equals(cipher)) {
            throw new KeyNotRecovered("the envelope of key " + keyId + " is not in the " + FORMAT + " format");
        }
        byte[] pkcs8;
        try {
            pkcs8 = cipher(Cipher.DECRYPT_MODE, dataKey, Base64.getDecoder().decode(iv), keyId)
                    .doFinal(Base64.getDecoder().decode(ciphertext));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyNotRecovered("the envelope of key " + keyId + " does not open: wrong "
                    + (protection == Protection.PASSPHRASE ? "passphrase" : "data key") + ", or the envelope was altered");
        }
        try {
            SigningKey key = SigningKey.fromPkcs8(pkcs8);
            if (!key.keyId().equals(keyId)) {
                throw new KeyNotRecovered("the envelope named key " + keyId + " holds key " + key.keyId());
            }
            return key;
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static Cipher cipher(int mode, byte[] dataKey, byte[] iv, String keyId) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(128, iv));
        gcm.updateAAD(("strongroom-signing-key:" + keyId).getBytes(StandardCharsets.US_ASCII));
        return gcm;
    }

    public byte[] toJson() {
        try {
            return KeyJson.MAPPER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws KeyNotRecovered when the bytes are not an envelope */
    public static KeyEnvelope parse(byte[] json) {
        try {
            return KeyJson.MAPPER.readValue(json, KeyEnvelope.class);
        } catch (IOException e) {
            throw new KeyNotRecovered("not a key envelope: " + e.getMessage());
        }
    }
}
