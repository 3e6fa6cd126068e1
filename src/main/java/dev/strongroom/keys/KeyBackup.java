package dev.strongroom.keys;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.strongroom.VaultConfig;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.backup.BackupConfig;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.BucketClearance;
import dev.strongroom.storage.StorageFailure;
import dev.strongroom.storage.Sha256;
import dev.strongroom.signing.KeyHistory;
import dev.strongroom.signing.KeyJson;
import dev.strongroom.signing.PublishedKey;
import dev.strongroom.signing.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Writes keys to the backup bucket: each key's envelope (the private key, encrypted) and PEM, and the
 * history whenever it changed. What reached the bucket is remembered in {@code keys/published.json}
 * (object key to the SHA-256 of what was written), so each object goes up once and a failed write is
 * simply tried again by the next call. Audited per envelope ({@code key.backup}).
 */
@ApplicationScoped
public class KeyBackup {

    private static final Logger LOG = Logger.getLogger(KeyBackup.class);
    private static final String PUBLISHED = "published.json";

    /** Null in plain unit tests, which have no bucket. */
    private final Instance<BucketClearance> clearance;
    private final BackupConfig backup;
    private final BackupTarget bucket;
    private final Auditor auditor;
    private final KeyProtectors protectors;
    private final KeyLedger ledger;
    private final Path dir;
    private volatile String lastError;
    private volatile Instant lastWritten;

    public KeyBackup(BackupConfig backup, KeysConfig config, BackupTarget bucket, KmsClient kms,
            Auditor auditor, VaultConfig vault, Instance<BucketClearance> clearance) {
        this.clearance = clearance;
        this.backup = backup;
        this.bucket = bucket;
        this.auditor = auditor;
        this.ledger = new KeyLedger(vault.dataDir());
        this.dir = ledger.dir();
        this.protectors = protectors(config, backup, kms);
    }

    private static KeyProtectors protectors(KeysConfig config, BackupConfig backup, KmsClient kms) {
        Optional<String> kmsKey = config.kmsKeyId().or(backup::kmsKeyId).filter(k -> !k.isBlank());
        Optional<KeyProtector> passphrase = Optional.empty();
        String problem = null;
        if (config.passphraseFile().isPresent()) {
            try {
                passphrase = Optional.of(PassphraseKeyProtector.fromFile(config.passphraseFile().get()));
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        return new KeyProtectors(Optional.of(new KmsKeyProtector(() -> kms, kmsKey.orElse(null))), passphrase,
                kmsKey.isPresent(), problem);
    }

    /**
     * @param bucketConfigured a backup bucket is set
     * @param protection how envelopes are sealed; null when the key cannot be backed up
     * @param backedUp the current key's envelope and the current history are in the bucket
     * @param problem why not, when the last write failed or nothing can seal; else null
     */
    public record Status(boolean bucketConfigured, String protection, boolean backedUp, String problem,
            String lastWritten) {
    }

    public boolean bucketConfigured() {
        return backup.bucket().filter(b -> !b.isBlank()).isPresent();
    }

    KeyProtectors protectors() {
        return protectors;
    }

    /** Reads keys back from the bucket; empty without one. */
    /**
     * The keys backed up in the bucket, unless the bucket's claim names another vault: that vault's keys are never
     * this one's to take up (a staging vault pointed at production's bucket creates a key of its own).
     */
    Optional<KeyRestore> restore() {
        if (!bucketConfigured()) {
            return Optional.empty();
        }
        Optional<String> refusal;
        try {
            refusal = clearance == null || !clearance.isResolvable() ? Optional.empty() : clearance.get().foreignClaim();
        } catch (StorageFailure e) {
            // The bucket does not answer: reading the keys fails the same way, and says so.
            refusal = Optional.empty();
        }
        if (refusal.isPresent()) {
            LOG.warnf("The keys in the bucket are not this vault's to take up: %s", refusal.get());
            return Optional.empty();
        }
        return Optional.of(new KeyRestore(bucket, protectors));
    }

    public Status status(KeyHistory history) {
        Optional<KeyProtector> sealing = protectors.sealing();
        if (!bucketConfigured()) {
            return new Status(false, sealing.map(KeyProtector::description).orElse(null), false,
                    "no backup bucket is configured (strongroom.backup.bucket): the key lives on this volume only", null);
        }
        Map<String, String> published = published();
        boolean backedUp = history.current().map(k -> published.containsKey(KeyObjects.envelope(k.keyId()))).orElse(false)
                && Sha256.hexOf(history.toJson()).equals(published.get(KeyObjects.HISTORY));
        String problem = sealing.isEmpty() ? cannotSeal() : backedUp ? null : lastError;
        return new Status(true, sealing.map(KeyProtector::description).orElse(null), backedUp, problem,
                lastWritten == null ? null : lastWritten.toString());
    }

    private String cannotSeal() {
        return "the signing key cannot be backed up: set strongroom.keys.kms-key-id (or strongroom.backup.kms-key-id) "
                + "or strongroom.keys.passphrase-file" + (protectors.problem() == null ? "" : " (" + protectors.problem()
                        + ")");
    }

    /**
     * Writes what the bucket lacks: the envelope of {@code current} (when given: only the vault's own
     * key can be sealed), every PEM of the history, then the history itself, so that the history in the
     * bucket never names a key whose PEM is not there.
     *
     * @return false when something could not be written (logged, and audited for envelopes)
     */
    public synchronized boolean backUp(KeyHistory history, Optional<SigningKey> current) {
        if (!bucketConfigured()) {
            return false;
        }
        Map<String, String> published = published();
        String step = null;
        try {
            if (current.isPresent() && !published.containsKey(KeyObjects.envelope(current.get().keyId()))) {
                KeyProtector sealing = protectors.sealing().orElseThrow(() -> new IllegalStateException(cannotSeal()));
                step = KeyObjects.envelope(current.get().keyId());
                byte[] envelope = sealing.seal(current.get()).toJson();
                String versionId = put(step, envelope, "application/json");
                published.put(step, Sha256.hexOf(envelope));
                savePublished(published);
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("keyId", current.get().keyId());
                detail.put("object", step);
                detail.put("versionId", versionId);
                detail.put("protection", sealing.description());
                auditor.record(KeyAction.BACKUP, "key/" + current.get().keyId(), Outcome.SUCCESS, detail);
                LOG.infof("Signing key %s backed up to s3://%s/%s (%s)", current.get().keyId(), bucket.location(), step,
                        sealing.description());
            }
            for (PublishedKey key : history.keys()) {
                step = KeyObjects.pem(key.keyId());
                byte[] pem = key.publicKeyPem().getBytes(StandardCharsets.US_ASCII);
                if (!Sha256.hexOf(pem).equals(published.get(step))) {
                    put(step, pem, "application/x-pem-file");
                    published.put(step, Sha256.hexOf(pem));
                    savePublished(published);
                }
            }
            step = KeyObjects.HISTORY;
            byte[] json = history.toJson();
            if (!Sha256.hexOf(json).equals(published.get(step))) {
                put(step, json, "application/json");
                published.put(step, Sha256.hexOf(json));
                savePublished(published);
            }
            if (lastError != null) {
                LOG.infof("Signing keys are in the bucket again (%s)", bucket.location());
            }
            lastError = null;
            lastWritten = Instant.now();
            return true;
        } catch (RuntimeException e) {
            String message = step + " not written: " + e.getMessage();
            if (!message.equals(lastError)) {
                // Once per distinct failure: the retry every minute must not flood the trail.
                LOG.warnf("Signing key backup: %s; tried again every strongroom.keys.backup-every", message);
                if (current.isPresent() && step != null && step.endsWith(".envelope.json")) {
                    auditor.record(KeyAction.BACKUP, "key/" + current.get().keyId(), Outcome.FAILURE,
                            Map.of("object", step, "error", e.getClass().getSimpleName() + ": " + e.getMessage()));
                }
            }
            lastError = message;
            return false;
        }
    }

    private String put(String key, byte[] content, String contentType) {
        try {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "outgoing-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(file, content);
                return bucket.putFile(key, file, contentType, Sha256.hexOf(content));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets what reached the bucket, so the next backup writes every key object again. */
    public synchronized void forgetPublished() {
        try {
            Files.deleteIfExists(dir.resolve(PUBLISHED));
        } catch (IOException e) {
            LOG.warnf("Cannot forget %s (%s): key objects the bucket lost are not written again", PUBLISHED,
                    e.getMessage());
        }
    }

    private Map<String, String> published() {
        Path file = dir.resolve(PUBLISHED);
        if (!Files.isRegularFile(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(KeyJson.MAPPER.readValue(file.toFile(), new TypeReference<Map<String, String>>() {
            }));
        } catch (IOException e) {
            LOG.warnf("Unreadable %s (%s): every key object is written again", file, e.getMessage());
            return new TreeMap<>();
        }
    }

    private void savePublished(Map<String, String> published) {
        try {
            ledger.writeFile(PUBLISHED, KeyJson.MAPPER.writeValueAsBytes(published));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
