package dev.strongroom.snapshots;

import dev.strongroom.VaultConfig;
import dev.strongroom.VaultIdentity;
import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.ChainVerifier;
import dev.strongroom.audit.Outcome;
import dev.strongroom.audit.VerificationResult;
import dev.strongroom.backup.BackupConfig;
import dev.strongroom.backup.BackupJson;
import dev.strongroom.backup.Manifest;
import dev.strongroom.catalog.DocumentBlob;
import dev.strongroom.http.ProblemException;
import dev.strongroom.jobs.Actor;
import dev.strongroom.jobs.JobKind;
import dev.strongroom.jobs.JobProgress;
import dev.strongroom.jobs.JobRunner;
import dev.strongroom.jobs.JobState;
import dev.strongroom.jobs.RecentJobs;
import dev.strongroom.http.ProblemType;
import dev.strongroom.restore.CopySource;
import dev.strongroom.restore.ManifestChain;
import dev.strongroom.restore.RestoreVerdict;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.storage.StorageFailure;
import dev.strongroom.store.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Reconciles the data directory with the S3 backup after a restore from a snapshot, in four steps,
 * each shown live and audited with the person who asked:
 * <ol>
 * <li><b>manifests</b>: load the newest manifest chain (every link verified) and its catalog export;</li>
 * <li><b>catalog</b>: add what was written after the snapshot (documents, users, disposals,
 * tombstones) and adopt backup versions S3 confirmed ({@link CatalogCatchUp});</li>
 * <li><b>blobs</b>: verify every blob against the catalog and fetch from S3 the missing and corrupt
 * ones ({@link BlobCheck});</li>
 * <li><b>journal</b>: report the start's replay of the journal tail ({@link JournalTailReplay}) and
 * verify the whole chain.</li>
 * </ol>
 * A dry run does steps 1, 3 (read-only) and 4 and changes nothing on the volume or in the catalog;
 * its only trace is its own audit events. Safe to run again: a second run finds nothing to do.
 */
@ApplicationScoped
public class SnapshotReconcile {

    private static final Logger LOG = Logger.getLogger(SnapshotReconcile.class);
    private static final int KEEP = 20;
    /** Kept in memory only: after a crash there is nothing to mark, and the audit trail is the record. */
    static final JobKind KIND = new JobKind("snapshot-reconcile", "Reconcile", "running", ProblemType.RECONCILE_RUNNING,
            "reconcileId", JobKind.OnStop.INTERRUPT, JobKind.Recovery.NONE);

    private final BackupTarget target;
    private final BackupConfig backup;
    private final CatalogCatchUp catalog;
    private final BlobCheck blobs;
    private final BlobStore store;
    private final JournalTailReplay replay;
    private final AuditJournal journal;
    private final Auditor auditor;
    private final Path reports;
    private final JobRunner runner;
    private final VaultIdentity identity;
    private final RecentJobs<Job> jobs = new RecentJobs<>(KEEP);

    public SnapshotReconcile(BackupTarget target, BackupConfig backup, CatalogCatchUp catalog, BlobCheck blobs,
            BlobStore store, JournalTailReplay replay, AuditJournal journal, Auditor auditor, JobRunner runner,
            VaultConfig vault, VaultIdentity identity) {
        this.target = target;
        this.identity = identity;
        this.backup = backup;
        this.catalog = catalog;
        this.blobs = blobs;
        this.store = store;
        this.replay = replay;
        this.journal = journal;
        this.auditor = auditor;
        this.runner = runner;
        this.reports = vault.dataDir().resolve(JournalTailReplay.DIR);
    }

    public synchronized ReconcileReport start(boolean dryRun, Actor actor) {
        if (backup.bucket().filter(b -> !b.isBlank()).isEmpty()) {
            audit(actor, SnapshotAction.RECONCILE, Outcome.REJECTED, Map.of("dryRun", dryRun, "reason", "not configured"));
            throw new ProblemException(503, ProblemType.BACKUP_NOT_CONFIGURED, "Backups are not configured",
                    "Reconcile brings back from the S3 backup what the snapshot lacks, and no backup bucket is "
                            + "configured (strongroom.backup.bucket)");
        }
        runner.refuseStart(KIND);
        Job job = new Job("reconcile-" + UUID.randomUUID().toString().substring(0, 8), dryRun, actor);
        jobs.remember(job.id(), job);
        audit(actor, SnapshotAction.RECONCILE_START, Outcome.SUCCESS, Map.of("reconcileId", job.id(), "dryRun", dryRun));
        runner.launch(KIND, job, this::execute);
        return job.view();
    }

    public Optional<ReconcileReport> find(String id) {
        return jobs.find(id).map(Job::view);
    }

    /**
     * Completes with the report of reconcile {@code id} when it has finished, for a caller that waits
     * for it (a drill's dry run); empty when this run of the vault does not know the reconcile. The
     * caller gets its own copy: completing it does not finish the reconcile.
     */
    public Optional<CompletableFuture<ReconcileReport>> whenFinished(String id) {
        return jobs.find(id).map(job -> job.finished.copy());
    }

    /** The reconciles of this run of the vault, newest first (the last {@value #KEEP}). */
    public List<ReconcileReport> recent() {
        return jobs.newestFirst().stream().map(Job::view).toList();
    }

    private void execute(Job job) {
        Path work = null;
        try {
            String bucket = backup.bucket().get();
            job.phase("manifests");
            ManifestChain chain = ManifestChain.newest(target, HostKeys.of(identity.hostId()));
            Manifest head = chain.head();
            work = Files.createTempDirectory("strongroom-reconcile-");
            Path export = work.resolve("catalog.ndjson");
            chain.fetchToFile(target, head.catalog().key(), head.catalog().versionId(), head.catalog().sha256(), export);

            job.phase("catalog");
            CatalogCatchUp.Delta delta = catalog.compare(export);
            job.source = new ReconcileReport.Source(bucket, head.run().id(), chain.links().get(0).key(),
                    chain.links().size(), head.catalog().key(), delta.documentsInExport(),
                    head.journalHead() == null ? 0 : head.journalHead().seq(), head.run().finishedAt());
            Set<String> orphaned = job.dryRun ? Set.of() : catalog.apply(delta, head.run().id());
            job.catalog = new ReconcileReport.Catalog(
                    delta.add().stream().map(r -> r.id()).toList(), delta.adopt().size(), delta.holds(),
                    delta.holdsKept(), delta.users().stream().map(u -> u.username()).toList(),
                    delta.disposals().size(),
                    delta.tombstones().stream().map(t -> t.documentId()).toList());
            orphaned.forEach(store::delete);
            audit(job.actor, SnapshotAction.RECONCILE_CATALOG, Outcome.SUCCESS, detail(job, "added",
                    delta.add().size(), "backupAdopted", delta.adopt().size(), "holdsApplied", delta.holds().size(),
                    "usersAdded", delta.users().size(), "tombstonesApplied", delta.tombstones().size(),
                    "manifest", job.source.manifestKey()));

            job.phase("blobs");
            List<DocumentBlob> planned = job.dryRun ? delta.add().stream().map(r -> r.toPortable().blob()).toList()
                    : List.of();
            blobs.run(job.dryRun, planned, job.dryRun ? delta.adopt().stream().collect(Collectors.toMap(r -> r.id(),
                    r -> r)) : Map.of(), job.blobs);
            ReconcileReport.Blobs checked = job.blobs.view();
            audit(job.actor, SnapshotAction.RECONCILE_BLOBS, checked.failed().isEmpty() ? Outcome.SUCCESS : Outcome.FAILURE,
                    detail(job, "documents", checked.documents(), "verified", checked.verified(), "fetched",
                            checked.fetched().size(), "failed", checked.failed().size()));

            job.phase("journal");
            job.journal = verifyJournal();
            audit(job.actor, SnapshotAction.RECONCILE_JOURNAL, job.journal.chainVerified() && job.journal.findings()
                    .isEmpty() ? Outcome.SUCCESS : Outcome.FAILURE, detail(job, "chainVerified",
                            job.journal.chainVerified(), "events", job.journal.events(), "replayed",
                            job.journal.replay() == null ? 0 : job.journal.replay().replayed()));
            job.finish(null);
        } catch (RuntimeException | IOException e) {
            String why = e instanceof StorageFailure ? "S3: " + e.getMessage() : e.getMessage();
            LOG.errorf(e, "Reconcile %s failed in %s", job.id(), job.phase());
            job.finish(job.phase() + ": " + why);
        } finally {
            runner.ended(KIND, job);
            deleteQuietly(work);
        }
        ReconcileReport report = job.view();
        if (!job.dryRun) {
            save(report);
        }
        audit(job.actor, SnapshotAction.RECONCILE, JobState.SUCCEEDED.stored().equals(report.state()) ? Outcome.SUCCESS : Outcome.FAILURE,
                detail(job, "fetched", report.blobs().fetched().size(), "failed", report.blobs().failed().size(),
                        "added", report.catalog() == null ? 0 : report.catalog().added().size(), "problems",
                        String.join("; ", report.problems())));
        LOG.infof("Reconcile %s%s %s: %d documents, %d verified, %d fetched from S3, %d failed; chain %s", job.id(),
                job.dryRun ? " (dry run)" : "", report.state(), report.blobs().documents(), report.blobs().verified(),
                report.blobs().fetched().size(), report.blobs().failed().size(),
                report.journal() != null && report.journal().chainVerified() ? "verified" : "NOT verified");
        if (report.verdict() != null) {
            String verdict = String.join("\n", report.verdict().lines());
            if (report.verdict().outcome() == RestoreVerdict.Outcome.COMPLETE) {
                LOG.infof("Reconcile %s %s", job.id(), verdict);
            } else {
                LOG.warnf("Reconcile %s %s", job.id(), verdict);
            }
        }
    }

    private ReconcileReport.Journal verifyJournal() {
        long limit = journal.head().seq();
        ChainVerifier verifier = ChainVerifier.fromGenesis();
        journal.segments().forEachLine(0, line -> {
            // Lines past the head captured above may be being appended concurrently.
            if (verifier.lastSeq() < limit) {
                verifier.accept(line);
            }
        });
        VerificationResult result = verifier.result();
        ReplayResult replayed = replay.lastResult().orElse(null);
        List<String> findings = new ArrayList<>(result.findings().stream().map(ChainVerifier.Finding::message).toList());
        if (replayed != null) {
            findings.addAll(replayed.findings());
        }
        return new ReconcileReport.Journal(replayed, result.ok(), result.eventCount(),
                result.head() == null ? 0 : result.head().seq(), List.copyOf(findings));
    }

    private void save(ReconcileReport report) {
        try {
            Files.createDirectories(reports);
            BackupJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(
                    reports.resolve(report.id() + ".json").toFile(), report);
        } catch (IOException e) {
            LOG.errorf("Could not write the reconcile report %s: %s", report.id(), e.getMessage());
        }
    }

    private static Map<String, Object> detail(Job job, Object... pairs) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reconcileId", job.id());
        detail.put("dryRun", job.dryRun);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            detail.put((String) pairs[i], pairs[i + 1]);
        }
        return detail;
    }

    private void audit(Actor actor, SnapshotAction action, Outcome outcome, Map<String, ?> detail) {
        auditor.recordAs(null, actor.name(), actor.role(), action, "vault/reconcile", outcome, detail);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Live state of one reconcile. */
    private static final class Job extends JobProgress {
        final boolean dryRun;
        final Actor actor;
        final BlobCheck.Progress blobs = new BlobCheck.Progress();
        final CompletableFuture<ReconcileReport> finished = new CompletableFuture<>();
        volatile ReconcileReport.Source source;
        volatile ReconcileReport.Catalog catalog;
        volatile ReconcileReport.Journal journal;
        volatile String error;
        volatile JobState state = JobState.RUNNING;
        volatile Instant finishedAt;

        Job(String id, boolean dryRun, Actor actor) {
            super(id, Instant.now().truncatedTo(ChronoUnit.MILLIS), "manifests");
            this.dryRun = dryRun;
            this.actor = actor;
        }

        void finish(String why) {
            error = why;
            ReconcileReport.Blobs b = blobs.view();
            boolean clean = why == null && b.failed().isEmpty() && journal != null && journal.chainVerified()
                    && journal.findings().isEmpty();
            state = clean ? JobState.SUCCEEDED : JobState.FAILED;
            phase("done");
            finishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            finished.complete(view());
        }

        ReconcileReport view() {
            List<String> problems = new ArrayList<>();
            if (error != null) {
                problems.add(error);
            }
            ReconcileReport.Blobs b = blobs.view();
            b.failed().forEach(f -> problems.add("document " + f.documentId() + ": " + f.reason()));
            if (journal != null) {
                problems.addAll(journal.findings());
                if (!journal.chainVerified()) {
                    problems.add("the audit chain does not verify");
                }
            }
            return new ReconcileReport(id(), dryRun, state.stored(), phase(), actor.name(), startedAt(), finishedAt, source, catalog,
                    b, journal, List.copyOf(problems), finishedAt == null ? null : verdict(b));
        }

        /**
         * Every document the blobs step could not bring back, the audit events the start could not
         * replay, and the audit stream past the backup, which nothing here has read.
         */
        private RestoreVerdict verdict(ReconcileReport.Blobs b) {
            List<RestoreVerdict.Missing> missing = new ArrayList<>();
            b.failed().forEach(f -> missing.add(new RestoreVerdict.Missing(RestoreVerdict.Kind.DOCUMENT,
                    f.documentId(), f.fileName(), f.owner(), f.sha256(), f.reason(), f.stillAt())));
            ReplayResult replay = journal == null ? null : journal.replay();
            if (replay != null && !replay.ok() && replay.backupHeadSeq() > replay.localHeadSeq()) {
                missing.add(new RestoreVerdict.Missing(RestoreVerdict.Kind.AUDIT_EVENTS, "seq "
                        + (replay.localHeadSeq() + 1) + "-" + replay.backupHeadSeq(), replay.manifestKey(), null, null,
                        "not replayed onto this snapshot's chain: " + String.join("; ", replay.findings()), List.of(
                                new RestoreVerdict.Lead(CopySource.PRIMARY_BUCKET, "the journal/ objects that "
                                        + replay.manifestKey() + " names; keep them as evidence"),
                                new RestoreVerdict.Lead(CopySource.CLOUDWATCH_LOGS, "the audit stream of the host "
                                        + "that wrote them"))));
            }
            List<RestoreVerdict.Lead> unchecked = new ArrayList<>();
            if (source != null) {
                unchecked.add(new RestoreVerdict.Lead(CopySource.CLOUDWATCH_LOGS, "audit events after seq "
                        + source.journalHeadSeq() + " (written after backup run " + source.runId() + " ended at "
                        + source.runFinishedAt() + ") are not in the backup, and documents uploaded after it are "
                        + "known only from their upload events there; the host's audit stream holds every event it "
                        + "shipped"));
            }
            boolean chainVerified = error == null && journal != null && journal.chainVerified()
                    && journal.findings().isEmpty();
            if (error != null) {
                return RestoreVerdict.failed(error, unchecked);
            }
            return RestoreVerdict.of(missing, List.of(), unchecked, chainVerified);
        }
    }
}
