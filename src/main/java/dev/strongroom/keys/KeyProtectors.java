package dev.strongroom.keys;

import dev.strongroom.signing.SigningKey;
import java.util.Optional;

/**
 * The protectors a process has: at most one seals new envelopes (KMS when a KMS key is configured,
 * else the passphrase), and each opens the envelopes of its kind.
 *
 * @param kms opens KMS envelopes (and seals when it has a KMS key); absent where no KMS client can be made
 * @param passphrase present when a passphrase file is configured
 * @param problem why a configured protector is unusable (say, a passphrase file others can read); null when none
 */
public record KeyProtectors(Optional<KmsKeyProtector> kms, Optional<KeyProtector> passphrase, boolean kmsSeals,
        String problem) {

    /** The protector new envelopes are sealed with; empty when the key cannot be backed up. */
    public Optional<KeyProtector> sealing() {
        if (kmsSeals && kms.isPresent()) {
            return Optional.of(kms.get());
        }
        return passphrase;
    }

    /** @throws KeyNotRecovered when this process has nothing that opens this kind of envelope */
    public SigningKey open(KeyEnvelope envelope) {
        KeyProtector protector = switch (envelope.protection()) {
            case KMS -> kms.orElse(null);
            case PASSPHRASE -> passphrase.orElse(null);
        };
        if (protector == null) {
            throw new KeyNotRecovered("the backup of key " + envelope.keyId() + " is protected by "
                    + (envelope.protection() == Protection.KMS ? "KMS, and no KMS client is configured"
                            : "a passphrase, and no passphrase file is configured (strongroom.keys.passphrase-file, "
                                    + "or --key-passphrase-file for the restore)")
                    + (problem == null ? "" : "; " + problem));
        }
        return protector.open(envelope);
    }
}
