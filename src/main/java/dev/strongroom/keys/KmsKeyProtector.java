package dev.strongroom.keys;

import dev.strongroom.signing.SigningKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * KMS envelope encryption: GenerateDataKey under the configured KMS key gives a fresh AES-256 key in
 * the clear (used once, then zeroed) and encrypted (kept in the envelope); Decrypt gives it back to
 * whoever may use that KMS key, with the same encryption context. The private key never reaches KMS.
 */
public final class KmsKeyProtector implements KeyProtector {

    private final Supplier<KmsClient> kms;
    private final String kmsKeyId;

    /** @param kmsKeyId key id, ARN or alias to seal under; null when this protector only opens envelopes */
    public KmsKeyProtector(Supplier<KmsClient> kms, String kmsKeyId) {
        this.kms = kms;
        this.kmsKeyId = kmsKeyId;
    }

    @Override
    public Protection protection() {
        return Protection.KMS;
    }

    @Override
    public String description() {
        return "KMS key " + (kmsKeyId == null ? "(named in each envelope)" : kmsKeyId);
    }

    @Override
    public KeyEnvelope seal(SigningKey key) {
        if (kmsKeyId == null) {
            throw new IllegalStateException("no KMS key to seal under (strongroom.keys.kms-key-id)");
        }
        GenerateDataKeyResponse generated = kms.get().generateDataKey(b -> b.keyId(kmsKeyId).keySpec(DataKeySpec.AES_256)
                .encryptionContext(KeyEnvelope.encryptionContext(key.keyId())));
        byte[] dataKey = generated.plaintext().asByteArray();
        try {
            return KeyEnvelope.seal(key, dataKey, Protection.KMS, new KeyEnvelope.Kms(generated.keyId(),
                    Base64.getEncoder().encodeToString(generated.ciphertextBlob().asByteArray()),
                    KeyEnvelope.encryptionContext(key.keyId())), null);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    @Override
    public SigningKey open(KeyEnvelope envelope) {
        if (envelope.kms() == null) {
            throw new KeyNotRecovered("the envelope of key " + envelope.keyId() + " carries no KMS data key");
        }
        DecryptResponse decrypted;
        try {
            decrypted = kms.get().decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(Base64.getDecoder()
                    .decode(envelope.kms().encryptedDataKey())))
                    .encryptionContext(KeyEnvelope.encryptionContext(envelope.keyId())));
        } catch (SdkException | IllegalArgumentException e) {
            throw new KeyNotRecovered("KMS did not decrypt the data key of key " + envelope.keyId() + " (KMS key "
                    + envelope.kms().keyArn() + "): " + e.getMessage(), e);
        }
        byte[] dataKey = decrypted.plaintext().asByteArray();
        try {
            return envelope.open(dataKey);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }
}
