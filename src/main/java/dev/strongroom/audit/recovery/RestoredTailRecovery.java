package dev.strongroom.audit.recovery;

import dev.strongroom.VaultConfig;
import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.IntegrityFinding;
import dev.strongroom.audit.JournalIntegrity;
import dev.strongroom.audit.cloudwatch.CloudWatchAuditConfig;
import dev.strongroom.audit.cloudwatch.StreamEpoch;
import dev.strongroom.http.ProblemException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The last resort, used without waiting for ops: a volume restored from a snapshot or from S3 holds
 * the journal only up to its backup, while CloudWatch Logs holds the events written after it. At the
 * first start on such a volume, before any request is served, the vault takes those events back from
 * the stream, byte for byte and checked against every anchor, so the chain continues instead of
 * staying read-only. When the stream cannot give them back, the journal stays read-only and
 * docs/audit-recovery.md's steps apply.
 * <p>
 * A journal cut on a volume that was never restored is left to ops: that is damage to look at, not
 * the expected shape of a restore.
 */
@ApplicationScoped
public class RestoredTailRecovery {

    private static final Logger LOG = Logger.getLogger(RestoredTailRecovery.class);
    static final String ACTOR = "strongroom (restored volume)";

    private final AuditJournal journal;
    private final JournalIntegrity integrity;
    private final JournalRecovery recovery;
    private final CloudWatchAuditConfig cloudWatch;
    private final Path dataDir;

    public RestoredTailRecovery(AuditJournal journal, JournalIntegrity integrity, JournalRecovery recovery,
            CloudWatchAuditConfig cloudWatch, VaultConfig vault) {
        this.journal = journal;
        this.integrity = integrity;
        this.recovery = recovery;
        this.cloudWatch = cloudWatch;
        this.dataDir = vault.dataDir();
    }

    void atStart(@Observes StartupEvent event) {
        if (!cloudWatch.enabled() || !StreamEpoch.restored(dataDir)) {
            return;
        }
        journal.checkedAgainstEveryAnchor();
        if (integrity.writable() || !onlyShorterThanAnAnchor(integrity.readOnlyFindings())) {
            return;
        }
        LOG.warnf("Restored volume: the journal ends at event %d, before what the anchors hold; taking the tail "
                + "back from CloudWatch Logs", journal.head().seq());
        try {
            RecoveryStatus status = recovery.restoreTail(TailSource.CLOUDWATCH, ACTOR);
            LOG.warnf("Restored volume: the audit journal is %s at event %d after taking back the CloudWatch tail",
                    status.state(), status.head().seq());
        } catch (ProblemException e) {
            LOG.warnf("Restored volume: the CloudWatch tail could not be taken back (%s); the journal stays read-only "
                    + "until ops follows docs/audit-recovery.md", e.getMessage());
        }
    }

    private static boolean onlyShorterThanAnAnchor(List<IntegrityFinding> findings) {
        return findings.stream().allMatch(f -> f.kind() == IntegrityFinding.Kind.SHORTER_THAN_ANCHOR);
    }
}
