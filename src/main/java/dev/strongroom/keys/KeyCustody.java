package dev.strongroom.keys;

import dev.strongroom.VaultConfig;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.AuditLogAction;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.JournalSegments;
import dev.strongroom.audit.Outcome;
import dev.strongroom.backup.SigningKeyBackup;
import dev.strongroom.catalog.DocumentAction;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps the vault's signing key: the one the key history names as current, and no other. At start it
 * finds that key on the volume; failing that, brings it back from the bucket's encrypted backup;
 * failing that, refuses to sign and says so (log, {@code key.missing}, the signing-key health check,
 * a 503 on every endpoint that would sign). It makes a key only for a vault that never had one: no
 * history, no signed event in the journal, no history in the bucket. A vault from before key
 * histories has its single key registered as the history's first.
 */
@ApplicationScoped
public class KeyCustody implements SigningKeyBackup {

    private static final Logger LOG = Logger.getLogger(KeyCustody.class);
    /** Journal actions that show the vault signed something, so had a key. */
    static final List<String> SIGNED_ACTIONS = List.of(DocumentAction.UPLOAD.action(), AuditLogAction.DIGEST.action(),
            KeyAction.CREATE.action(), KeyAction.REGISTER.action(), KeyAction.RESTORE.action(), KeyAction.BACKUP.action(),
            KeyAction.ROTATION.action());

    private final KeyLedger ledger;
    private final JournalSegments journal;
    private final KeyBackup backup;
    private final Auditor auditor;
    private final Object lock = new Object();
    private volatile Held held;

    /** What custody holds now; {@code key} is null unless READY. */
    private record Held(KeyState state, KeyHistory history, SigningKey key, String problem) {
    }

    /**
     * @param state whether the vault signs
     * @param currentKeyId the key the history names as current, or null when it names none
     * @param problem why the vault does not sign; null when it does
     */
    public record Status(KeyState state, String currentKeyId, String problem, KeyBackup.Status backup,
            KeyHistory history) {
    }

    public KeyCustody(VaultConfig vault, KeyBackup backup, Auditor auditor) {
        this.ledger = new KeyLedger(vault.dataDir());
        this.journal = new JournalSegments(vault.dataDir().resolve("audit").resolve("journal"));
        this.backup = backup;
        this.auditor = auditor;
    }

    /**
     * At start, so that a missing key is said at once. What custody decides depends on files only (the
     * keys folder, the journal on disk, the bucket), never on the catalog's index, so it is the same
     * whenever the first signer asks.
     */
    void loadAtStart(@Observes @Priority(17) StartupEvent event) {
        held();
    }

    /**
     * The key to sign with now.
     *
     * @throws ProblemException 503 {@code signing-key-missing} when the vault must not sign
     */
    public SigningKey signingKey() {
        Held h = held();
        if (h.state() != KeyState.READY) {
            throw refused(h);
        }
        return h.key();
    }

    /**
     * Every key the vault published. Before custody is loaded this is the history on the volume, read
     * without creating, restoring or auditing anything: the audit journal reads it while it opens, and
     * an audit event from here then would need the journal being opened.
     */
    public KeyHistory history() {
        Held h = held;
        return h != null ? h.history() : ledger.history().orElse(KeyHistory.empty());
    }

    /** The signing key when custody is already loaded and holds one; never loads it (see {@link #history}). */
    public Optional<SigningKey> loadedKey() {
        Held h = held;
        return h != null && h.state() == KeyState.READY ? Optional.of(h.key()) : Optional.empty();
    }

    public KeyState state() {
        return held().state();
    }

    public Status status() {
        Held h = held();
        return new Status(h.state(), h.history().current().map(PublishedKey::keyId).orElse(null), h.problem(),
                backup.status(h.history()), h.history());
    }

    /**
     * Looks for the missing key again, on the volume (an operator put the file back) and in the
     * bucket. Audited either way.
     */
    public Status recover() {
        synchronized (lock) {
            Held before = held();
            if (before.state() == KeyState.READY) {
                auditor.record(KeyAction.RESTORE, "key/" + before.key().keyId(), Outcome.REJECTED,
                        Map.of("reason", "the key is present; nothing to recover"));
                return status();
            }
            Held after = load(true);
            held = after;
            return status();
        }
    }

    /**
     * Makes {@code next} the current key from {@code at}: the history is rewritten with the old key
     * retired at that moment, then the old private key leaves the volume. Idempotent, for the
     * replay of a rotation cut short.
     */
    void adopt(SigningKey next, Instant at) {
        synchronized (lock) {
            Held h = held();
            Optional<PublishedKey> old = h.history().current();
            KeyHistory rotated = old.filter(k -> k.keyId().equals(next.keyId())).isPresent() ? h.history()
                    : h.history().keys().isEmpty() ? KeyHistory.first(next, at) : h.history().rotatedTo(next, at);
            ledger.writeHistory(rotated);
            held = new Held(KeyState.READY, rotated, next, null);
            rotated.keys().stream().filter(k -> !k.keyId().equals(next.keyId()))
                    .forEach(k -> ledger.deletePrivateKey(k.keyId()));
        }
    }

    KeyLedger ledger() {
        return ledger;
    }

    @Scheduled(every = "{strongroom.keys.backup-every}", delayed = "{strongroom.startup.background-delay}",
            identity = "signing-key-backup", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void backUpPending() {
        backUpNow();
    }

    /** Writes whatever of the keys the bucket lacks; false when something could not be written. */
    boolean backUpNow() {
        Held h = held();
        if (h.history().keys().isEmpty()) {
            return false;
        }
        return backup.backUp(h.history(), Optional.ofNullable(h.key()));
    }

    /** For each backup run: the keys go with the documents, catalog and journal. */
    @Override
    public Optional<String> backUpKeys() {
        Held h = held();
        if (h.history().keys().isEmpty()) {
            return Optional.of("the vault has no key history: " + h.problem());
        }
        if (backup.backUp(h.history(), Optional.ofNullable(h.key()))) {
            return Optional.empty();
        }
        return Optional.ofNullable(backup.status(h.history()).problem()).or(() -> Optional.of("see the log"));
    }

    @Override
    public void writeAllAgain() {
        backup.forgetPublished();
    }

    private Held held() {
        Held h = held;
        if (h == null) {
            synchronized (lock) {
                if (held == null) {
                    held = load(false);
                }
                h = held;
            }
        }
        return h;
    }

    private Held load(boolean asked) {
        Optional<KeyHistory> history = ledger.history();
        if (history.isEmpty()) {
            Optional<SigningKey> legacy = ledger.legacyKey();
            if (legacy.isPresent()) {
                return register(legacy.get());
            }
            boolean signed = journalSignedBefore();
            Optional<KeyHistory> inBucket = bucketHistory();
            if (!signed && inBucket.isEmpty()) {
                return create();
            }
            return recoverOrRefuse(inBucket.orElse(KeyHistory.empty()), signed
                    ? "the audit journal records receipts, digests or key events, but " + ledger.dir()
                            + " holds no key history"
                    : "the bucket holds this vault's key history, but " + ledger.dir() + " holds none", asked);
        }
        Optional<PublishedKey> current = history.get().current();
        if (current.isEmpty()) {
            return recoverOrRefuse(history.get(), "the key history in " + ledger.dir() + " names no current key",
                    asked);
        }
        try {
            Optional<SigningKey> key = ledger.privateKey(current.get().keyId());
            if (key.isPresent()) {
                Optional<String> restored = ledger.takeRestoreNote();
                if (restored.isPresent()) {
                    auditor.record(KeyAction.RESTORE, "key/" + key.get().keyId(), Outcome.SUCCESS,
                            Map.of("from", "restore command", "note", restored.get()));
                    LOG.infof("Signing key %s was brought back by the restore from S3", key.get().keyId());
                }
                if (asked) {
                    auditor.record(KeyAction.RESTORE, "key/" + key.get().keyId(), Outcome.SUCCESS,
                            Map.of("from", "volume"));
                    LOG.warnf("Signing key %s is back on the volume: signing resumes", key.get().keyId());
                }
                return new Held(KeyState.READY, history.get(), key.get(), null);
            }
            return recoverOrRefuse(history.get(), "the private key of the current key " + current.get().keyId()
                    + " is not in " + ledger.dir(), asked);
        } catch (IllegalStateException e) {
            return recoverOrRefuse(history.get(), e.getMessage(), asked);
        }
    }

    private Held recoverOrRefuse(KeyHistory history, String reason, boolean asked) {
        String problem = reason;
        Optional<KeyRestore> restore = backup.restore();
        if (restore.isEmpty()) {
            problem += "; no backup bucket is configured to recover it from";
        } else {
            try {
                KeyHistory known = history.keys().isEmpty() ? restore.get().history().orElseThrow(
                        () -> new KeyNotRecovered("the bucket holds no key history")) : history;
                String keyId = known.current().orElseThrow(() -> new KeyNotRecovered("the history names no current "
                        + "key")).keyId();
                SigningKey key = restore.get().key(keyId);
                ledger.writePrivateKey(key);
                ledger.writeHistory(known);
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("from", "bucket");
                detail.put("reason", reason);
                auditor.record(KeyAction.RESTORE, "key/" + keyId, Outcome.SUCCESS, detail);
                LOG.warnf("Signing key %s was missing (%s); brought back from its backup in the bucket", keyId, reason);
                return new Held(KeyState.READY, known, key, null);
            } catch (KeyNotRecovered e) {
                problem += "; not recovered from the bucket: " + e.getMessage();
            }
        }
        String keyId = history.current().map(PublishedKey::keyId).orElse(null);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("problem", problem);
        detail.put("asked", asked);
        auditor.record(KeyAction.MISSING, "key/" + (keyId == null ? "unknown" : keyId), Outcome.FAILURE,
                detail);
        LOG.errorf("The vault's signing key is MISSING and the vault REFUSES TO SIGN (no uploads, receipts or digests) "
                + "until it is restored or a rotation is approved (docs/keys.md): %s", problem);
        return new Held(KeyState.MISSING, history, null, problem);
    }

    private Held create() {
        SigningKey key = SigningKey.generate();
        KeyHistory history = KeyHistory.first(key, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        ledger.writePrivateKey(key);
        ledger.writeHistory(history);
        auditor.record(KeyAction.CREATE, "key/" + key.keyId(), Outcome.SUCCESS, Map.of("keyId", key.keyId()));
        LOG.infof("Created the vault's Ed25519 signing key %s in %s", key.keyId(), ledger.dir());
        return new Held(KeyState.READY, history, key, null);
    }

    private Held register(SigningKey legacy) {
        // The key was made at the vault's first start, before its first event: nothing it signed is older.
        Instant from = firstEventTime().orElse(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        KeyHistory history = KeyHistory.first(legacy, from);
        ledger.writePrivateKey(legacy);
        ledger.writeHistory(history);
        ledger.removeLegacyFiles();
        auditor.record(KeyAction.REGISTER, "key/" + legacy.keyId(), Outcome.SUCCESS,
                Map.of("keyId", legacy.keyId(), "validFrom", from.toString()));
        LOG.infof("Registered the vault's existing signing key %s as the first of its key history (valid from %s)",
                legacy.keyId(), from);
        return new Held(KeyState.READY, history, legacy, null);
    }

    /** Whether the journal on disk holds an event that only a vault with a key writes. */
    private boolean journalSignedBefore() {
        for (Path segment : journal.list()) {
            try (BufferedReader reader = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (signed(line)) {
                        return true;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the audit journal segment " + segment, e);
            }
        }
        return false;
    }

    private static boolean signed(String line) {
        try {
            AuditEvent event = EventLine.parse(line);
            return Outcome.SUCCESS.is(event.outcome()) && SIGNED_ACTIONS.contains(event.action());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Optional<Instant> firstEventTime() {
        for (Path segment : journal.list()) {
            try (BufferedReader reader = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    try {
                        return Optional.of(Instant.parse(EventLine.parse(line).time()));
                    } catch (IOException | RuntimeException e) {
                        // A torn or unreadable line: the next one has a time too.
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the audit journal segment " + segment, e);
            }
        }
        return Optional.empty();
    }

    private Optional<KeyHistory> bucketHistory() {
        Optional<KeyRestore> restore = backup.restore();
        if (restore.isEmpty()) {
            return Optional.empty();
        }
        try {
            return restore.get().history();
        } catch (KeyNotRecovered | IllegalArgumentException e) {
            LOG.warnf("Could not look for a key history in the bucket (%s); this looks like a new vault", e.getMessage());
            return Optional.empty();
        }
    }

    private static ProblemException refused(Held h) {
        return new ProblemException(503, ProblemType.SIGNING_KEY_MISSING, "Signing key missing",
                "The vault's signing key is missing, so it signs nothing (no upload, receipt or digest) until the key "
                        + "is restored or a rotation is approved; see docs/keys.md. " + h.problem(),
                Map.of("keyId", String.valueOf(h.history().current().map(PublishedKey::keyId).orElse(null))),
                Map.of());
    }
}
