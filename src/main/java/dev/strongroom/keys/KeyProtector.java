package dev.strongroom.keys;

import dev.strongroom.signing.SigningKey;

/**
 * Encrypts a private key for the backup and decrypts it again. Implementations hold the secret that
 * protects it (access to a KMS key, or a passphrase); none writes anything.
 */
public interface KeyProtector {

    Protection protection();

    /** For logs and the admin view: which KMS key, or which passphrase file. Never the secret. */
    String description();

    KeyEnvelope seal(SigningKey key);

    /** @throws KeyNotRecovered with the reason when the envelope cannot be opened */
    SigningKey open(KeyEnvelope envelope);
}
