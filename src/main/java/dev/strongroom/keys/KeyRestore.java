package dev.strongroom.keys;

import dev.strongroom.signing.KeyHistory;
import dev.strongroom.signing.PublishedKey;
import dev.strongroom.signing.SigningKey;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * Brings keys back from the backup bucket: the history, and the current key's private half from its
 * envelope. Reads each object's newest version that is not deleted, so a delete marker put on a key
 * object does not hide it. CDI-free: used by the restore command and by the vault when it finds its
 * key missing.
 */
public final class KeyRestore {

    private final S3Client s3;
    private final String bucket;
    private final KeyProtectors protectors;

    public KeyRestore(S3Client s3, String bucket, KeyProtectors protectors) {
        this.s3 = s3;
        this.bucket = bucket;
        this.protectors = protectors;
    }

    /** What a restore brought back. */
    public record Restored(String keyId, int keys) {
    }

    /**
     * The restore command's step: brings the history and the current key into {@code dataDir}'s keys
     * folder and says what happened in one line.
     *
     * @param kms a KMS client in the region of the KMS key that sealed the envelope
     * @param passphraseFile for envelopes sealed with a passphrase
     * @return true when the key is back
     */
    public static boolean restoreForCommand(S3Client s3, String bucket, Supplier<KmsClient> kms,
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
            Restored restored = new KeyRestore(s3, bucket, protectors).restoreInto(new KeyLedger(dataDir));
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
                return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            } catch (NoSuchKeyException e) {
                // A delete marker, or nothing ever written: only the versions tell which.
                Optional<ObjectVersion> version = s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(key))
                        .versions().stream().filter(v -> v.key().equals(key))
                        .max(Comparator.comparing(ObjectVersion::lastModified));
                return version.map(v -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(v.versionId()))
                        .asByteArray());
            }
        } catch (SdkException e) {
            throw new KeyNotRecovered("cannot read " + key + " from the bucket " + bucket + ": " + e.getMessage(), e);
        }
    }
}
