package dev.strongroom.keys;

/** How a backed-up private key is encrypted (docs/keys.md). */
public enum Protection {
    /** Under a data key from AWS KMS (GenerateDataKey); opening needs kms:Decrypt on the KMS key. */
    KMS,
    /** Under a key derived with scrypt from a passphrase the operators keep, where there is no KMS. */
    PASSPHRASE
}
