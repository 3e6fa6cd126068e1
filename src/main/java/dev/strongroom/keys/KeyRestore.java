package dev.strongroom.keys;

import dev.strongroom.signing.KeyHistory;
import dev.strongroom.signing.PublishedKey;
import dev.strongroom.signing.SigningKey;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ListedVersion;
import dev.strongroom.storage.ObjectMissing;
import dev.strongroom.storage.StorageFailure;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Brings keys back from the backup bucket: the history, and the current key's private half from its
 * envelope. Reads each object's newest version that is not deleted, so a delete marker put on a key
 * object does not hide it. CDI-free: used by the restore command and by the vault when it finds its
 * key missing.
 */
public final class KeyRestore {

    private final BackupTarget target;
    private final String bucket;
    private final KeyProtectors protectors;

    public KeyRestore(BackupTarget target, KeyProtectors protectors) {
        this.target = target;
        this.bucket = target.location();
        this.protectors = protectors;
    }

    /** What a restore brought back. */
    public record Restored(String keyId, int keys) {
    }

    /**
     * The restore command's step: brings the history and the current key into {@code dataDir}'s keys
     * folder and says what happened in one line.
     *
     * @param target the bucket restored from
     * @param kms a KMS client in the region of the KMS key that sealed the envelope
     * @param passphraseFile for envelopes sealed with a passphrase
     * @return true when the key is back
     */
    public static boolean restoreForCommand(BackupTarget target, Supplier<KmsClient> kms,
            Optional<Path> passphraseFile, Path dataDir, PrintStream log) {
        Optional<KeyProtector> passphrase = Optional.empty();
        String problem = null;
        if (passphraseFile.isPresent()) {
            try {
                passphrase = Optional.of(PassphraseKeyProtector.fromFile(passphraseFile.get()));
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        KeyProtectors protectors = new KeyProtectors(Optional.of(new KmsKeyProtector(kms, null)), passphrase, false,
                problem);
        try {
            Restored restored = new KeyRestore(target, protectors).restoreInto(new KeyLedger(dataDir));
            log.printf("restore: signing key %s restored (%d key(s) in its history); the vault signs with it%n",
                    restored.keyId(), restored.keys());
            return true;
        } catch (KeyNotRecovered | IllegalArgumentException e) {
            log.printf("restore: signing key NOT restored: %s. The vault will refuse to sign until it is (docs/keys.md)%n",
                    e.getMessage());
            return false;
        }
    }

    /** The history in the bucket; empty when it holds none (a backup from before key histories). */
    public Optional<KeyHistory> history() {
        return newest(KeyObjects.HISTORY).map(KeyHistory::parse);
    }

    /** @throws KeyNotRecovered when the envelope is missing or does not open to the key named */
    public SigningKey key(String keyId) {
        byte[] envelope = newest(KeyObjects.envelope(keyId)).orElseThrow(() -> new KeyNotRecovered("the bucket "
                + bucket + " holds no backup of key " + keyId + " (" + KeyObjects.envelope(keyId) + ")"));
        return protectors.open(KeyEnvelope.parse(envelope));
    }

    /**
     * Writes the bucket's history and the current private key into {@code ledger}, the key first so
     * that a history on the volume always comes with its key.
     *
     * @throws KeyNotRecovered with the reason when either cannot be brought back
     */
    public Restored restoreInto(KeyLedger ledger) {
        KeyHistory history = history().orElseThrow(() -> new KeyNotRecovered("the bucket " + bucket
                + " holds no key history (" + KeyObjects.HISTORY + "): it was written by a vault from before key "
                + "backups, or the key was never backed up"));
        PublishedKey current = history.current().orElseThrow(() -> new KeyNotRecovered("the key history in "
                + bucket + " has no current key"));
        SigningKey key = key(current.keyId());
        ledger.writePrivateKey(key);
        ledger.writeHistory(history);
        ledger.noteRestore(bucket, key.keyId());
        return new Restored(key.keyId(), history.keys().size());
    }

    private Optional<byte[]> newest(String key) {
        try {
            try {
                return Optional.of(target.read(key, null));
            } catch (ObjectMissing e) {
                // A delete marker, or nothing ever written: only the versions tell which.
                Optional<ListedVersion> version = target.versions(key).stream().filter(v -> v.key().equals(key))
                        .max(Comparator.comparing(ListedVersion::lastModified));
                return version.map(v -> target.read(key, v.versionId()));
            }
        } catch (StorageFailure | UncheckedIOException e) {
            throw new KeyNotRecovered("cannot read " + key + " from the bucket " + bucket + ": " + e.getMessage(), e);
        }
    }
}
