package dev.strongroom.backup;

import dev.strongroom.VaultIdentity;
import dev.strongroom.jobs.JobState;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ExpectedChecksum;
import dev.strongroom.storage.ObjectInfo;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.storage.ObjectKeys;
import dev.strongroom.storage.StorageFailure;
import dev.strongroom.Stopping;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.DocumentBackups;
import dev.strongroom.http.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Notices when the backup the vault believes in is gone: a bucket emptied, deleted or replaced by a
 * new one of the same name (an emulator restarted with nothing in it). Every
 * {@code strongroom.backup.spot-check.every} it asks S3 for the newest manifest and a random sample
 * of confirmed document versions, each checked against the checksum S3 confirmed. When one is not
 * there as confirmed, it lists the bucket's versions and puts every document and journal segment
 * whose confirmed version is gone back to pending, then starts a run to upload them again; backup
 * health is DOWN from the finding until a run started after it succeeds.
 * <p>
 * Within one vault only backup runs write to the bucket, and a run never removes anything, so a
 * version the vault confirmed and S3 no longer has was removed by someone else.
 */
@ApplicationScoped
public class BackupSpotCheck {

    private static final Logger LOG = Logger.getLogger(BackupSpotCheck.class);
    private static final int RESET_BATCH = 500;

    /**
     * One spot-check.
     *
     * @param asked objects asked about (the sample and the newest manifest)
     * @param findings what S3 did not have as confirmed, in sentences; empty when all was there
     * @param documentsReset documents put back to pending after the listing showed their versions gone
     * @param segmentsReset journal segments to ship again
     */
    public record Result(Instant checkedAt, String bucket, int asked, List<String> findings, int documentsReset,
            int segmentsReset) {

        public boolean clean() {
            return findings.isEmpty();
        }
    }

    private final BackupTarget target;
    private final BackupConfig config;
    private final BackupService backups;
    private final Auditor auditor;
    private final ConfirmedChecksums checksums;
    private final SigningKeyBackup signingKey;
    private final DocumentBackups documents;
    private final VaultIdentity identity;
    private final BackupLag lag;
    private final SecureRandom random = new SecureRandom();
    private volatile Result latest;

    public BackupSpotCheck(BackupTarget target, BackupConfig config, BackupService backups, Auditor auditor,
            ConfirmedChecksums checksums, SigningKeyBackup signingKey, DocumentBackups documents,
            VaultIdentity identity, BackupLag lag) {
        this.target = target;
        this.lag = lag;
        this.documents = documents;
        this.identity = identity;
        this.signingKey = signingKey;
        this.config = config;
        this.backups = backups;
        this.auditor = auditor;
        this.checksums = checksums;
    }

    @Scheduled(every = "{strongroom.backup.spot-check.every}", delayed = "{strongroom.startup.background-delay}",
            identity = "backup-spot-check", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    void scheduled() {
        // A run in progress rewrites what a check looks at (its manifest is the newest only once it ends): a check
        // now would take the old manifest for lost and send back to pending what the run has just confirmed.
        if (backups.configured() && !backups.running()) {
            check();
        }
    }

    public Optional<Result> latest() {
        return Optional.ofNullable(latest);
    }

    /**
     * The latest finding, while no run started after it has succeeded; the problem is over once the
     * objects it missed are confirmed again.
     */
    public Optional<Result> unresolved() {
        Result r = latest;
        if (r == null || r.clean()) {
            return Optional.empty();
        }
        boolean reuploaded = backups.lastFinished().filter(run -> JobState.SUCCEEDED.stored().equals(run.state())
                && run.startedAt().isAfter(r.checkedAt())).isPresent();
        return reuploaded ? Optional.empty() : Optional.of(r);
    }

    public synchronized Result check() {
        String bucket = target.location();
        Instant now = Instant.now();
        List<String> findings = new ArrayList<>();
        int asked = 0;
        try {
            Optional<BackupRun> newest = QuarkusTransaction.requiringNew().call(() -> BackupRun.<BackupRun>find(
                    "manifestSha256 is not null order by id desc").firstResultOptional());
            if (newest.isPresent()) {
                asked++;
                String problem = manifestProblem(newest.get());
                if (problem != null) {
                    findings.add(problem);
                }
            }
            ConfirmedChecksums.Lookup expected = checksums.load();
            for (DocumentBackups.Copy doc : documents.sample(config.spotCheck().sample(), random)) {
                asked++;
                String problem = documentProblem(doc, expected);
                if (problem != null) {
                    findings.add(problem);
                }
            }
        } catch (StorageFailure e) {
            // Not an answer about the objects: the bucket cannot be asked now. Posture and runs say so.
            LOG.warnf("Backup spot-check of bucket %s could not ask S3: %s", bucket, e.getMessage());
            return latest;
        }
        if (findings.isEmpty()) {
            latest = new Result(now, bucket, asked, List.of(), 0, 0);
            LOG.debugf("Backup spot-check: %d object(s) in bucket %s as confirmed", asked, bucket);
            return latest;
        }
        int[] reset = resetWhatIsGone();
        // The status caches its pending count for a second: one read just before the reset must not outlive it.
        lag.refresh();
        signingKey.writeAllAgain();
        latest = new Result(now, bucket, asked, List.copyOf(findings), reset[0], reset[1]);
        LOG.errorf("BACKUP IN BUCKET %s IS NOT WHAT THE VAULT CONFIRMED: %s. %d document(s) and %d journal segment(s) "
                + "whose confirmed versions are gone are pending again and go up with the next run; backup health is "
                + "DOWN until a run has confirmed them.", bucket, String.join("; ", findings), reset[0], reset[1]);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("asked", asked);
        detail.put("findings", String.join("; ", findings));
        detail.put("documentsReset", reset[0]);
        detail.put("segmentsReset", reset[1]);
        auditor.record(BackupAction.SPOT_CHECK, "bucket/" + bucket, Outcome.FAILURE, detail);
        try {
            backups.start("spot-check", "system");
        } catch (ProblemException e) {
            LOG.infof("The re-upload waits for the next run: %s", e.getMessage());
        }
        return latest;
    }

    private String manifestProblem(BackupRun run) {
        Optional<ObjectInfo> head = target.head(run.manifestKey, null);
        if (head.isEmpty()) {
            return "the newest manifest " + run.manifestKey + " is not in the bucket";
        }
        String mismatch = ExpectedChecksum.wholeObject(run.manifestSha256).mismatch(head.get().checksum(),
                head.get().checksumType(), head.get().versionId());
        return mismatch == null ? null : "the newest manifest " + run.manifestKey + " is not the one the vault wrote: "
                + mismatch;
    }

    private String documentProblem(DocumentBackups.Copy doc, ConfirmedChecksums.Lookup expected) {
        String key = ObjectKeys.document(doc.id());
        Optional<ObjectInfo> head = target.head(key, doc.versionId());
        if (head.isEmpty()) {
            return "version " + doc.versionId() + " of " + key + " is gone";
        }
        String mismatch = checksums.mismatch(expected, doc.id(), doc.versionId(), doc.sha256(), doc.sizeBytes(),
                head.get().checksum(), head.get().checksumType());
        return mismatch == null ? null : key + ": " + mismatch;
    }

    /**
     * Lists every version under documents/ and this host's journal/ and puts back to pending whatever the vault
     * confirmed and the bucket no longer holds. Returns the documents and segments reset.
     */
    private int[] resetWhatIsGone() {
        Set<String> present = new HashSet<>();
        HostKeys keys = HostKeys.of(identity.hostId());
        for (String prefix : List.of(ObjectKeys.DOCUMENTS, keys.journal())) {
            target.versions(prefix).forEach(v -> present.add(v.key() + "\n" + v.versionId()));
        }
        List<String> gone = QuarkusTransaction.requiringNew().call(() -> {
            List<String> ids = new ArrayList<>();
            documents.forEachBackedUp(d -> {
                if (!present.contains(ObjectKeys.document(d.id()) + "\n" + d.versionId())) {
                    ids.add(d.id());
                }
            });
            return ids;
        });
        for (int i = 0; i < gone.size(); i += RESET_BATCH) {
            List<String> slice = gone.subList(i, Math.min(gone.size(), i + RESET_BATCH));
            QuarkusTransaction.requiringNew().run(() -> {
                documents.resetToPending(slice);
                CompositeChecksum.delete("documentId in ?1", slice);
            });
        }
        int segments = QuarkusTransaction.requiringNew().call(() -> {
            int n = 0;
            for (JournalSegmentUpload s : JournalSegmentUpload.of(identity.hostId())) {
                if (!present.contains(keys.journal(s.name) + "\n" + s.versionId)) {
                    s.delete();
                    n++;
                }
            }
            return n;
        });
        return new int[] { gone.size(), segments };
    }
}
