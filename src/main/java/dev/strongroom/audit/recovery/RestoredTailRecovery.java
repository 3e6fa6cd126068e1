package dev.strongroom.audit.recovery;

import dev.strongroom.StartupOrder;
import dev.strongroom.VaultConfig;
import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.DurableFile;
import dev.strongroom.audit.IntegrityFinding;
import dev.strongroom.audit.JournalIntegrity;
import dev.strongroom.audit.cloudwatch.CloudWatchAuditConfig;
import dev.strongroom.audit.cloudwatch.StreamEpoch;
import dev.strongroom.http.ProblemException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The last resort, used without waiting for ops: a volume restored from a snapshot or from S3 holds
 * the journal only up to its backup, while CloudWatch Logs holds the events written after it. At the
 * first start on such a volume, before any request is served, the vault takes those events back from
 * the stream, byte for byte and checked against every anchor, so the chain continues instead of
 * staying read-only, and names the documents acknowledged in that tail ({@link UploadsAfterBackup}).
 * When the stream cannot give them back, the journal stays read-only and
 * docs/audit-recovery.md's steps apply.
 * <p>
 * It runs once per restore ({@code audit/recovery/restore-tail-taken.txt} names the restore handled).
 * A journal cut later, or on a volume that was never restored, is left to ops: that is damage to
 * look at, not the expected shape of a restore.
 */
@ApplicationScoped
public class RestoredTailRecovery {

    private static final Logger LOG = Logger.getLogger(RestoredTailRecovery.class);
    static final String ACTOR = "strongroom (restored volume)";

    private final AuditJournal journal;
    private final JournalIntegrity integrity;
    private final JournalRecovery recovery;
    private final UploadsAfterBackup uploads;
    private final CloudWatchAuditConfig cloudWatch;
    private final Path dataDir;
    private final Path handledFile;

    public RestoredTailRecovery(AuditJournal journal, JournalIntegrity integrity, JournalRecovery recovery,
            UploadsAfterBackup uploads, CloudWatchAuditConfig cloudWatch, VaultConfig vault) {
        this.uploads = uploads;
        this.journal = journal;
        this.integrity = integrity;
        this.recovery = recovery;
        this.cloudWatch = cloudWatch;
        this.dataDir = vault.dataDir();
        this.handledFile = dataDir.resolve("audit").resolve("recovery").resolve("restore-tail-taken.txt");
    }

    void atStart(@Observes @Priority(StartupOrder.BACKGROUND) StartupEvent event) {
        Optional<StreamEpoch.Epoch> restore = StreamEpoch.lastRestore(dataDir);
        if (!cloudWatch.enabled() || restore.isEmpty() || restore.get().id().equals(handled().orElse(null))) {
            return;
        }
        journal.checkedAgainstEveryAnchor();
        if (integrity.writable() || !onlyShorterThanAnAnchor(integrity.readOnlyFindings())) {
            remember(restore.get());
            return;
        }
        LOG.warnf("Restored volume: the journal ends at event %d, before what the anchors hold; taking the tail "
                + "back from CloudWatch Logs", journal.head().seq());
        long restoredHead = journal.head().seq();
        try {
            RecoveryStatus status = recovery.restoreTail(TailSource.CLOUDWATCH, ACTOR);
            remember(restore.get());
            LOG.warnf("Restored volume: the audit journal is %s at event %d after taking back the CloudWatch tail",
                    status.state(), status.head().seq());
            uploads.report(journal.segments(), restoredHead + 1, status.head().seq());
        } catch (ProblemException e) {
            if (e.status() < 500) {
                // A verdict (nothing continues the chain, a copy disagrees): the next start would reach it again.
                remember(restore.get());
            }
            LOG.warnf("Restored volume: the CloudWatch tail could not be taken back (%s); the journal stays read-only "
                    + "until ops follows docs/audit-recovery.md", e.getMessage());
        }
    }

    /** The restore whose tail was already taken back: later starts on the volume leave the journal to ops. */
    private Optional<String> handled() {
        if (!Files.isRegularFile(handledFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(handledFile, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + handledFile, e);
        }
    }

    private void remember(StreamEpoch.Epoch restore) {
        try {
            DurableFile.replace(handledFile, (restore.id() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the restore handled in " + handledFile, e);
        }
    }

    private static boolean onlyShorterThanAnAnchor(List<IntegrityFinding> findings) {
        return findings.stream().allMatch(f -> f.kind() == IntegrityFinding.Kind.SHORTER_THAN_ANCHOR);
    }
}
