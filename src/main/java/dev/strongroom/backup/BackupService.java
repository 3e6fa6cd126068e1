package dev.strongroom.backup;

import dev.strongroom.StartupOrder;
import dev.strongroom.Stopping;
import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.ChainHead;
import dev.strongroom.audit.GatedWrite;
import dev.strongroom.audit.Outcome;
import dev.strongroom.audit.WriteGate;
import dev.strongroom.catalog.DocumentBackups;
import dev.strongroom.catalog.DocumentToBackUp;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.jobs.JobProgress;
import dev.strongroom.jobs.JobRunner;
import dev.strongroom.jobs.JobState;
import dev.strongroom.jobs.WorkFolders;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.BucketUnavailable;
import dev.strongroom.storage.ExpectedChecksum;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.storage.ObjectInfo;
import dev.strongroom.storage.ObjectKeys;
import dev.strongroom.storage.Sha256;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Runs backups, one at a time: upload every document not yet confirmed (bounded parallelism), then
 * the catalog export, then the journal up to the chain head, then the manifest, which is written
 * last so that a manifest only ever names objects that are already in the bucket.
 * <p>
 * A run is resumable: documents are marked backed up in small batches as S3 confirms them
 * ({@link BackedUpBatch}), so a run cut off by an unreachable bucket, a crash or a restart leaves the
 * rest pending for the next run, and a version S3 stored but the catalog never recorded is adopted
 * rather than written twice ({@link DocumentKeysInBucket} says which keys to look at).
 */
@ApplicationScoped
public class BackupService {

    private static final Logger LOG = Logger.getLogger(BackupService.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);
    /** What a run cut off by a stop gets to record its confirmed documents and its own end. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** How long a start waits for the bucket's claim; the run itself waits as long as the bucket takes. */
    private static final Duration CLAIM_CHECK_AT_START = Duration.ofSeconds(5);
    static final String INTERRUPTED = "interrupted: the vault stopped during the run";

    private final BackupConfig config;
    private final DocumentUploader uploader;
    private final BackupTarget target;
    private final DocumentKeysInBucket bucketKeys;
    private final CatalogExporter exporter;
    private final JournalShipper shipper;
    private final AuditJournal journal;
    private final Auditor auditor;
    private final BackupLag lag;
    private final DocumentBackups documents;
    private final SigningKeyBackup signingKey;
    private final WriteGate gate;
    private final JobRunner runner;
    private final BucketClaimCheck claims;
    private final ExportChanges changes;
    private final Path workRoot;
    private final ExecutorService uploads;
    private volatile BackedUpBatch confirming;
    private volatile boolean stopping;
    /** Held while a run records its end, so that the stop giving up on a run and that end do not cross. */
    private final Object ending = new Object();
    private boolean givenUp;

    public BackupService(BackupConfig config, DocumentUploader uploader, BackupTarget target,
            DocumentKeysInBucket bucketKeys, CatalogExporter exporter, JournalShipper shipper, AuditJournal journal,
            Auditor auditor, BackupLag lag, DocumentBackups documents, SigningKeyBackup signingKey, BackupRuns runs,
            JobRunner runner, WriteGate gate, BucketClaimCheck claims, ExportChanges changes) {
        this.config = config;
        this.uploader = uploader;
        this.target = target;
        this.bucketKeys = bucketKeys;
        this.exporter = exporter;
        this.shipper = shipper;
        this.journal = journal;
        this.auditor = auditor;
        this.lag = lag;
        this.documents = documents;
        this.signingKey = signingKey;
        this.gate = gate;
        this.runner = runner;
        this.claims = claims;
        this.changes = changes;
        this.workRoot = runs.workRoot();
        int threads = Math.max(1, config.parallelism());
        int[] n = { 0 };
        this.uploads = Executors.newFixedThreadPool(threads, r -> new Thread(r, "backup-upload-" + (++n[0])));
    }

    public boolean configured() {
        return target.configured();
    }

    /** Alongside the marking of interrupted runs ({@link BackupRuns}), where an operator reads the start. */
    void warnIfNotConfigured(@Observes @Priority(StartupOrder.BACKUP_RUNS) StartupEvent event) {
        if (!configured()) {
            LOG.warn("BACKUPS ARE NOT CONFIGURED: strongroom.backup.bucket is not set, so no document leaves this "
                    + "volume. Set STRONGROOM_BACKUP_BUCKET (and STRONGROOM_AWS_ENDPOINT for a local emulator).");
        }
    }

    /**
     * Starts a run in the background; 503 when backups are not configured, 409 while another run is going
     * or when the bucket is claimed by another vault.
     */
    public synchronized BackupRunView start(String trigger, String actor) {
        // A read-only journal must not overwrite the segments in S3 that may be needed to recover it.
        gate.requireWritable(GatedWrite.BACKUP_RUN);
        runner.refuseIfStopping(BackupRuns.KIND);
        if (!configured()) {
            throw new ProblemException(503, ProblemType.BACKUP_NOT_CONFIGURED, "Backups are not configured",
                    "No backup bucket is configured (strongroom.backup.bucket), so there is nothing to run against");
        }
        runner.refuseIfRunning(BackupRuns.KIND);
        refuseIfClaimedByAnotherVault();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        BackupRun run = new BackupRun();
        run.id = RUN_ID.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
        run.trigger = trigger;
        run.triggeredBy = actor;
        run.state = JobState.RUNNING;
        run.startedAt = now;
        run.hostId = runner.hostId();
        QuarkusTransaction.requiringNew().run(run::persist);
        LOG.infof("Backup run %s started (%s, by %s) to bucket %s", run.id, trigger, actor, target.location());
        RunProgress progress = runner.launch(BackupRuns.KIND, new RunProgress(run.id, now), p -> execute(run.id, p));
        return BackupRunView.live(run, progress, null);
    }

    /**
     * The claim decides before a run is recorded, so a refused start leaves nothing behind. A bucket that
     * does not answer, or not within {@link #CLAIM_CHECK_AT_START}, does not refuse it: the run starts, checks
     * the claim again first and fails or stalls as any run does on an unreachable bucket, recorded and shown.
     */
    private void refuseIfClaimedByAnotherVault() {
        Optional<BucketClaimCheck.Result> checked;
        try {
            checked = claims.checkWithin(CLAIM_CHECK_AT_START);
        } catch (BucketUnavailable e) {
            return;
        }
        if (checked.isEmpty()) {
            LOG.warnf("The bucket %s did not answer the claim check within %s; the run checks it again before it "
                    + "writes anything", target.location(), CLAIM_CHECK_AT_START);
            return;
        }
        BucketClaimCheck.Result claim = checked.get();
        if (!claim.outcome().mayWrite()) {
            throw ProblemException.conflict(ProblemType.BUCKET_CLAIMED_BY_ANOTHER_VAULT,
                    "Refused: " + claim.refusal(), Map.of("bucket", claim.bucket(), "claimVaultId",
                            claim.claimVaultId(), "vaultId", claim.vaultId(), "hostId", claim.hostId()));
        }
    }

    public Optional<BackupRunView> find(String id) {
        BackupRun run = QuarkusTransaction.requiringNew().call(() -> BackupRun.<BackupRun>findById(id));
        return Optional.ofNullable(run).map(this::view);
    }

    public List<BackupRunView> recent(int page, int size) {
        return QuarkusTransaction.requiringNew().call(() -> BackupRun.<BackupRun>findAll(
                io.quarkus.panache.common.Sort.descending("startedAt")).page(page, size).list()).stream()
                .map(this::view).toList();
    }

    /** A run is in progress. */
    public boolean running() {
        return runner.running(BackupRuns.KIND).isPresent();
    }

    public Optional<BackupRunView> lastFinished() {
        return QuarkusTransaction.requiringNew().call(() -> BackupRun.<BackupRun>find(
                "state <> ?1 order by startedAt desc", JobState.RUNNING).firstResultOptional()).map(this::view);
    }

    /** The run in progress, when it has sent nothing and confirmed nothing for strongroom.backup.stall-after. */
    public Optional<BackupStatus.Stall> stall() {
        return current().flatMap(this::stall);
    }

    private Optional<BackupStatus.Stall> stall(RunProgress p) {
        Duration idle = p.idle(Instant.now());
        if (idle.compareTo(config.stallAfter()) < 0) {
            return Optional.empty();
        }
        return Optional.of(new BackupStatus.Stall(p.id(), p.phase(), idle.toSeconds(), p.lastProgressAt(),
                p.uploaded.get() + p.adopted.get(), p.planned, config.stallAfter().toSeconds()));
    }

    /** Says in the log when the run in progress stalls, once, and when it moves again. */
    @Scheduled(every = "5s", identity = "backup-stall-watch", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    void watchForStall() {
        Optional<RunProgress> running = current();
        if (running.isEmpty()) {
            return;
        }
        RunProgress p = running.get();
        Optional<BackupStatus.Stall> stall = stall(p);
        if (stall.isPresent() && p.stallReportedAt == null) {
            p.stallReportedAt = Instant.now();
            BackupStatus.Stall s = stall.get();
            LOG.warnf("Backup run %s STALLED: no progress for %d s (phase %s, %d of %d document(s) confirmed, last "
                    + "progress at %s); S3 is not answering. Backup health is DOWN until the run moves or ends.",
                    s.runId(), s.idleSeconds(), s.phase(), s.confirmed(), s.planned(), s.lastProgressAt());
        } else if (stall.isEmpty() && p.stallReportedAt != null) {
            LOG.infof("Backup run %s moves again, after a stall reported at %s", p.id(), p.stallReportedAt);
            p.stallReportedAt = null;
        }
    }

    private Optional<RunProgress> current() {
        return runner.running(BackupRuns.KIND).map(RunProgress.class::cast);
    }

    private BackupRunView view(BackupRun run) {
        Optional<RunProgress> live = runner.live(BackupRuns.KIND, run.id, RunProgress.class);
        if (run.state == JobState.RUNNING && live.isPresent()) {
            return BackupRunView.live(run, live.get(), stall(live.get()).map(BackupStatus.Stall::idleSeconds)
                    .orElse(null));
        }
        return BackupRunView.of(run, run.error == null ? List.of() : Arrays.asList(run.error.split("\n")));
    }

    private void execute(String runId, RunProgress progress) {
        Path work = workRoot.resolve("backup-" + runId);
        Outcome outcome = Outcome.FAILURE;
        String fatal = null;
        String manifestKey = null;
        String manifestSha256 = null;
        RunObjects objects = null;
        ExportChanges.Seen seen = null;
        try {
            Files.createDirectories(work);
            progress.phase("claim");
            BucketClaimCheck.Result claim = claims.check();
            if (!claim.outcome().mayWrite()) {
                throw new BucketClaimedByAnotherVault(claim.refusal());
            }
            HostKeys keys = HostKeys.of(claim.hostId());
            // Before anything is shipped: a run that starts a new chain lists everything, journal included.
            Chain chain = previousManifest(runId, keys);
            Manifest.Previous previous = chain.previous();
            Optional<RunObjects> reusable = chain.objects().filter(this::stillThere);
            DocumentBackups.Unconfirmed unconfirmed = documents.unconfirmed();
            List<DocumentToBackUp> pending = unconfirmed.documents();
            progress.planned = pending.size();
            QuarkusTransaction.requiringNew().run(() -> BackupRun.update("planned = ?1 where id = ?2", progress.planned,
                    runId));
            progress.phase("documents");
            LOG.infof("Backup run %s: %d document(s) to upload", runId, pending.size());
            Predicate<String> mayBeInBucket = pending.isEmpty() ? id -> true
                    : bucketKeys.mayHold(pending, unconfirmed.inCatalog());
            uploadAll(pending, mayBeInBucket, progress);

            progress.phase("catalog");
            CatalogExporter.Result exported = exporter.export(runId, work.resolve("catalog.ndjson"),
                    reusable.isPresent() ? runner.hostId() : null);
            Manifest.ObjectRef catalog;
            if (exported instanceof CatalogExporter.Export export) {
                String catalogKey = keys.catalog(runId);
                catalog = new Manifest.ObjectRef(catalogKey, target.putFile(catalogKey, export.file(),
                        "application/x-ndjson", export.sha256(), progress::touch), export.sha256(), export.size());
                seen = export.seen();
            } else {
                catalog = reusable.orElseThrow().catalog();
                LOG.infof("Backup run %s: the catalog has not changed since %s; the manifest refers to that export",
                        runId, catalog.key());
            }

            progress.phase("journal");
            // After the catalog export: every document in the export has its upload event in what we ship.
            ChainHead head = journal.head();
            List<JournalShipper.ShippedSegment> segments = shipper.ship(head, work);

            progress.phase("keys");
            Optional<String> keyProblem = signingKey.backUpKeys();
            keyProblem.ifPresent(p -> progress.error("signing key not backed up: " + p));

            progress.phase("manifest");
            List<Manifest.DocumentEntry> entries = documents.forManifest(previous != null).stream()
                    .map(d -> new Manifest.DocumentEntry(d.id(), ObjectKeys.document(d.id()), d.versionId(), d.sha256(),
                            d.sizeBytes(), d.sizeBytes() >= config.multipartThreshold()))
                    .toList();
            Optional<RunObjects> base = exported instanceof CatalogExporter.Unchanged ? reusable
                    .filter(r -> r.deltas() + 1 < config.listsWholeEvery()) : Optional.empty();
            Lists lists = base.isPresent() ? writeDeltaLists(keys, runId, work, base.get(), entries, segments)
                    : writeLists(keys, runId, work, catalog);
            objects = new RunObjects(catalog, lists.checksums(), lists.versions(), base.map(b -> b.deltas() + 1)
                    .orElse(0));
            BackupRun run = QuarkusTransaction.requiringNew().call(() -> BackupRun.<BackupRun>findById(runId));
            Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.VERSION,
                    new Manifest.Run(runId, run.trigger, run.triggeredBy, run.startedAt, Instant.now(), progress.planned,
                            progress.uploaded.get(), progress.adopted.get(), progress.failed.get(),
                            progress.bytes.get()),
                    target.location(), previous, entries, catalog,
                    segments.stream().map(s -> new Manifest.SegmentEntry(s.key(), s.versionId(), s.sha256(), s.size(),
                            s.firstSeq(), s.lastSeq())).toList(),
                    new Manifest.Head(head.seq(), head.hash()), lists.checksums(), lists.versions());
            Path manifestFile = work.resolve("manifest.json");
            BackupJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(manifestFile.toFile(), manifest);
            manifestSha256 = Sha256.hexOf(manifestFile);
            manifestKey = keys.manifest(runId);
            target.putFile(manifestKey, manifestFile, "application/json", manifestSha256);
            documents.recordListedIn(runId, entries.stream().map(Manifest.DocumentEntry::id).toList());
            outcome = progress.failed.get() == 0 && keyProblem.isEmpty() ? Outcome.SUCCESS : Outcome.FAILURE;
        } catch (BucketUnavailable e) {
            if (stopping) {
                fatal = INTERRUPTED;
                LOG.warnf("Backup run %s cut off by the stop; the %d document(s) it confirmed stay confirmed, the next "
                        + "run resumes", runId, progress.uploaded.get() + progress.adopted.get());
            } else {
                // The vault copes: nothing confirmed is lost, the next run resumes, and health turns DOWN
                // when the failed run, the lag or a stall says a person must look.
                fatal = e.getMessage();
                LOG.warnf("Backup run %s stopped: %s. Documents confirmed so far stay confirmed; the next run resumes.",
                        runId, e.getMessage());
            }
        } catch (BucketClaimedByAnotherVault e) {
            fatal = "refused: " + e.getMessage();
        } catch (RunStopped e) {
            fatal = INTERRUPTED;
            LOG.warnf("Backup run %s cut off by the stop; the %d document(s) it confirmed stay confirmed, the next run "
                    + "resumes", runId, progress.uploaded.get() + progress.adopted.get());
        } catch (RuntimeException | IOException e) {
            if (stopping) {
                // A call left hanging on an unresponsive S3 fails once the stop closes the client under it.
                fatal = INTERRUPTED;
                LOG.warnf("Backup run %s cut off by the stop (%s); the %d document(s) it confirmed stay confirmed, "
                        + "the next run resumes", runId, e, progress.uploaded.get() + progress.adopted.get());
            } else {
                fatal = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.errorf(e, "Backup run %s failed", runId);
            }
        } finally {
            synchronized (ending) {
                if (givenUp) {
                    // The stop stopped waiting for this run and closed the catalog and the bean container under
                    // it: recording the end now would fail, and the next start closes the run instead.
                    LOG.infof("Backup run %s ended after the stop gave up waiting for it; the next start records "
                            + "its end", runId);
                } else {
                    finish(runId, progress, outcome, fatal, manifestKey, manifestSha256, objects);
                    if (manifestKey != null && seen != null) {
                        forget(runId, seen);
                    }
                }
            }
            WorkFolders.deleteQuietly(work);
        }
    }

    /** The bucket became another vault's between the start and the run: it ends before writing anything. */
    private static final class BucketClaimedByAnotherVault extends RuntimeException {
        BucketClaimedByAnotherVault(String refusal) {
            super(refusal, null, false, false);
        }
    }

    /** The vault is stopping: the run ends where it is, and the next run resumes it. */
    private static final class RunStopped extends RuntimeException {
        RunStopped() {
            super(INTERRUPTED, null, false, false);
        }
    }

    private void uploadAll(List<DocumentToBackUp> pending, Predicate<String> mayBeInBucket, RunProgress progress) {
        AtomicReference<BucketUnavailable> stop = new AtomicReference<>();
        BackedUpBatch confirmed = new BackedUpBatch(documents, progress, lag::refresh);
        confirming = confirmed;
        Instant[] lastLog = { Instant.now() };
        List<Future<?>> futures = new ArrayList<>();
        for (DocumentToBackUp doc : pending) {
            if (stopping) {
                break;
            }
            futures.add(uploads.submit(() -> {
                if (stop.get() != null || stopping) {
                    return;
                }
                try {
                    confirmed.add(doc, uploader.upload(doc, mayBeInBucket.test(doc.id()), progress.bytes::addAndGet,
                            () -> aliveUnlessStopping(progress)));
                    progress.touch();
                } catch (DocumentBackupFailure e) {
                    progress.failed.incrementAndGet();
                    progress.error("document " + doc.id() + ": " + e.getMessage());
                    LOG.errorf("Backup of document %s failed: %s", doc.id(), e.getMessage());
                } catch (BucketUnavailable e) {
                    stop.compareAndSet(null, e);
                } catch (RuntimeException e) {
                    if (stopping) {
                        return;
                    }
                    progress.failed.incrementAndGet();
                    progress.error("document " + doc.id() + ": " + e);
                    LOG.errorf(e, "Backup of document %s failed", doc.id());
                }
                logProgress(progress, lastLog, false);
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backup run interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            confirmed.flush();
        }
        logProgress(progress, lastLog, true);
        if (stopping) {
            throw new RunStopped();
        }
        if (stop.get() != null) {
            throw stop.get();
        }
    }

    /**
     * Told of every read of a blob on its way to S3. A stop ends the upload here, by failing the read,
     * rather than by interrupting the thread: an interrupt that lands in the embedded catalog's file
     * I/O closes its file.
     */
    private void aliveUnlessStopping(RunProgress progress) {
        if (stopping) {
            throw new UncheckedIOException(new InterruptedIOException("the vault is stopping"));
        }
        progress.touch();
    }

    private static void logProgress(RunProgress p, Instant[] lastLog, boolean last) {
        synchronized (lastLog) {
            Instant now = Instant.now();
            if (last || Duration.between(lastLog[0], now).compareTo(LOG_EVERY) >= 0) {
                lastLog[0] = now;
                LOG.infof("Backup run %s: %d of %d documents done (%d uploaded, %d already there, %d failed), %.1f MB sent",
                        p.id(), p.done(), p.planned, p.uploaded.get(), p.adopted.get(), p.failed.get(),
                        p.bytes.get() / 1e6);
            }
        }
    }

    /**
     * The newest manifest the vault wrote, when the bucket still holds it as written under this host's prefix;
     * otherwise null, and this run starts a new chain: a manifest pointing at one that is gone would break every
     * restore that walks back through it, and one written in the unprefixed layout of earlier releases (or under
     * another host id) is not this host's chain to continue. A new chain lists every confirmed document and ships
     * every journal segment again, so it is complete on its own.
     */
    private Chain previousManifest(String runId, HostKeys keys) {
        // Only this host's runs (and those from before hosts were recorded): another host's newest run is the end of
        // its own chain, never of this one's.
        Optional<BackupRun> last = QuarkusTransaction.requiringNew().call(() -> BackupRun.<BackupRun>find(
                "manifestSha256 is not null and id <> ?1 and (hostId = ?2 or hostId is null) order by id desc", runId,
                runner.hostId()).firstResultOptional());
        if (last.isEmpty()) {
            return Chain.NEW;
        }
        String key = last.get().manifestKey;
        String problem;
        if (!keys.owns(key)) {
            problem = "it is not under " + keys.manifests();
        } else {
            Optional<ObjectInfo> head = target.head(key, null);
            problem = head.isEmpty() ? "it is not in the bucket"
                    : ExpectedChecksum.wholeObject(last.get().manifestSha256).mismatch(head.get().checksum(),
                            head.get().checksumType(), head.get().versionId());
        }
        if (problem == null) {
            return new Chain(new Manifest.Previous(key, last.get().manifestSha256), RunObjects.of(last.get()));
        }
        LOG.warnf("Backup run %s starts a new manifest chain: the previous manifest %s is not as the vault wrote it "
                + "(%s). The run lists every confirmed document and ships the whole audit journal again.", runId, key,
                problem);
        QuarkusTransaction.requiringNew().run(() -> JournalSegmentUpload.delete("hostId", keys.hostId().orElseThrow()));
        return Chain.NEW;
    }

    /** The manifest a run links to (null: it starts a new chain) and what that run wrote or reused. */
    private record Chain(Manifest.Previous previous, Optional<RunObjects> objects) {
        static final Chain NEW = new Chain(null, Optional.empty());
    }

    /**
     * Whether the previous run's export and lists are in the bucket as it recorded them, so that this run may refer
     * to them: their versions are immutable, and Object Lock keeps them, but a bucket can be replaced or emptied.
     */
    private boolean stillThere(RunObjects objects) {
        for (Manifest.ObjectRef ref : List.of(objects.catalog(), objects.checksums(), objects.versions())) {
            Optional<ObjectInfo> head = target.head(ref.key(), ref.versionId());
            if (head.isEmpty() || ExpectedChecksum.wholeObject(ref.sha256()).mismatch(head.get().checksum(),
                    head.get().checksumType(), head.get().versionId()) != null) {
                LOG.warnf("The previous backup run's %s (version %s) is not in the bucket as written; this run "
                        + "exports the catalog and writes its lists whole", ref.key(), ref.versionId());
                return false;
            }
        }
        return true;
    }

    /** The run's two lists of everything backed up, as written to the bucket. */
    private record Lists(Manifest.ObjectRef checksums, Manifest.ObjectRef versions) {
    }

    /**
     * The whole backup as of this run, twice: in sha256sum format, and with each object's S3 version
     * id (key, version id, SHA-256, tab-separated): every confirmed document, the journal segments
     * and the catalog export. With them, the AWS CLI fetches exactly the versions the vault confirmed
     * and {@code sha256sum -c} checks them, without Strongroom (docs/restore-with-aws-cli.md).
     */
    private Lists writeLists(HostKeys keys, String runId, Path work, Manifest.ObjectRef catalog) throws IOException {
        ListFiles files = ListFiles.in(work);
        try (files) {
            QuarkusTransaction.requiringNew().run(() -> {
                documents.forEachBackedUp(d -> files.object(ObjectKeys.document(d.id()), d.versionId(), d.sha256()));
                JournalSegmentUpload.of(keys.hostId().orElseThrow())
                        .forEach(s -> files.object(keys.journal(s.name), s.versionId, s.sha256));
            });
            files.object(catalog.key(), catalog.versionId(), catalog.sha256());
        }
        return put(keys, runId, files);
    }

    /**
     * Only what this run added, after a first line naming the list before (key and SHA-256; a comment to
     * {@code sha256sum}): the journal segments it shipped and the documents its manifest lists. Written when the
     * catalog has not changed since the previous run, whose export this run refers to. A key listed again stands
     * for its newer version; nothing is removed, since a removal (a disposal) changes the catalog, and that run's
     * lists are whole. docs/restore-with-aws-cli.md walks back to the whole list and applies the rest in order.
     */
    private Lists writeDeltaLists(HostKeys keys, String runId, Path work, RunObjects base,
            List<Manifest.DocumentEntry> entries, List<JournalShipper.ShippedSegment> segments) throws IOException {
        ListFiles files = ListFiles.in(work);
        try (files) {
            files.deltaOf(base.checksums(), base.versions());
            entries.forEach(d -> files.object(d.key(), d.versionId(), d.sha256()));
            segments.forEach(s -> files.object(s.key(), s.versionId(), s.sha256()));
        }
        return put(keys, runId, files);
    }

    private Lists put(HostKeys keys, String runId, ListFiles files) throws IOException {
        return new Lists(put(keys.checksums(runId), files.checksums), put(keys.versions(runId), files.versions));
    }

    private Manifest.ObjectRef put(String key, Path file) throws IOException {
        String sha256 = Sha256.hexOf(file);
        String versionId = target.putFile(key, file, "text/plain", sha256);
        return new Manifest.ObjectRef(key, versionId, sha256, Files.size(file));
    }

    /**
     * After the manifest is recorded: the changes its export saw are in it. A delete that fails leaves the marks,
     * and the next run exports the catalog again, which costs time, never a change.
     */
    private void forget(String runId, ExportChanges.Seen seen) {
        try {
            changes.forget(seen);
        } catch (RuntimeException e) {
            LOG.warnf("Backup run %s: the %d change mark(s) its export saw were not cleared (%s); the next run exports "
                    + "the catalog again", runId, seen.marks(), e.getMessage());
        }
    }

    private void finish(String runId, RunProgress progress, Outcome outcome, String fatal, String manifestKey,
            String manifestSha256, RunObjects objects) {
        Instant finished = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> errors = new ArrayList<>();
        if (fatal != null) {
            errors.add(fatal);
        }
        errors.addAll(progress.errors());
        JobState state = outcome == Outcome.SUCCESS ? JobState.SUCCEEDED : JobState.FAILED;
        String errorText = errors.isEmpty() ? null : String.join("\n", errors);
        QuarkusTransaction.requiringNew().run(() -> {
            // Its documents and adopted counts are the batches' (added in the transaction that marks the
            // documents): a batch flushed by the stop may commit while this runs, so they are read under the
            // row's lock and left as they are, never overwritten from counters read before that commit.
            BackupRun run = BackupRun.findById(runId, LockModeType.PESSIMISTIC_WRITE);
            run.state = state;
            run.finishedAt = finished;
            run.planned = progress.planned;
            run.failed = progress.failed.get();
            run.bytes = progress.bytes.get();
            run.manifestKey = manifestKey;
            run.manifestSha256 = manifestSha256;
            run.objectsJson = manifestKey == null ? null : objects.json();
            run.error = errorText == null ? null : errorText.substring(0, Math.min(errorText.length(), 4000));
        });
        runner.ended(BackupRuns.KIND, progress);
        if (progress.stallReportedAt != null) {
            LOG.infof("Backup run %s moves again, after a stall reported at %s, and ends", runId,
                    progress.stallReportedAt);
        }
        double seconds = Math.max(0.001, Duration.between(progress.startedAt(), finished).toMillis() / 1000.0);
        LOG.infof("Backup run %s %s in %.1f s: %d uploaded, %d already there, %d failed of %d; %.1f MB at %.1f MB/s%s",
                runId, state.stored(), seconds, progress.uploaded.get(), progress.adopted.get(), progress.failed.get(),
                progress.planned, progress.bytes.get() / 1e6, progress.bytes.get() / 1e6 / seconds,
                manifestKey == null ? "; no manifest written" : "; manifest " + manifestKey);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("state", state.stored());
        detail.put("planned", progress.planned);
        detail.put("uploaded", progress.uploaded.get());
        detail.put("adopted", progress.adopted.get());
        detail.put("failed", progress.failed.get());
        detail.put("bytes", progress.bytes.get());
        detail.put("manifest", manifestKey);
        detail.put("error", fatal);
        auditor.record(BackupAction.RUN, "backup/run/" + runId, outcome, detail);
        lag.refresh();
    }

    /**
     * Ends a run in progress at once, while the catalog is still open and before the shutdown digest
     * and audit shipping (lower priority runs first), so its end is recorded, audited and shipped: it
     * sends nothing more, commits what S3 already confirmed, and the next run resumes the rest. An
     * upload stuck in a call to an unresponsive S3 is left to the process's exit; its document stays
     * pending, or is adopted by the next run if S3 did store it.
     */
    void drainAtShutdown(@Observes @Priority(50) ShutdownEvent event) {
        stopping = true;
        uploads.shutdown();
        // Documents S3 confirmed are marked now, while the catalog is open, even if uploads still hang.
        BackedUpBatch batch = confirming;
        if (batch != null) {
            batch.flush();
        }
        if (!runner.drain(BackupRuns.KIND, SHUTDOWN_GRACE)) {
            // A run recording its end right now finishes that first; one that ends later leaves the catalog alone.
            synchronized (ending) {
                givenUp = true;
            }
            LOG.warnf("Backup run %s did not end within %d s of the stop; it stays recorded as running until the "
                    + "next start closes it, and the next run resumes it",
                    runner.running(BackupRuns.KIND).map(JobProgress::id).orElse("?"), SHUTDOWN_GRACE.toSeconds());
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        uploads.shutdown();
    }
}
