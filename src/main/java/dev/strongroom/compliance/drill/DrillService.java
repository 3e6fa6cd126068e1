package dev.strongroom.compliance.drill;

import dev.strongroom.Stopping;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.aws.ReplicaRegion;
import dev.strongroom.backup.BackupConfig;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ObjectKeys;
import dev.strongroom.storage.Sha256;
import dev.strongroom.storage.StorageFailure;
import dev.strongroom.catalog.DocumentBackups;
import dev.strongroom.compliance.ComplianceConfig;
import dev.strongroom.http.ProblemException;
import dev.strongroom.jobs.JobState;
import dev.strongroom.jobs.Actor;
import dev.strongroom.jobs.JobProgress;
import dev.strongroom.jobs.JobRunner;
import dev.strongroom.jobs.WorkFolders;
import dev.strongroom.compliance.ComplianceAction;
import dev.strongroom.http.ProblemType;
import dev.strongroom.restore.ObjectFetcher;
import dev.strongroom.snapshots.ReconcileReport;
import dev.strongroom.snapshots.SnapshotReconcile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Runs restore drills, one at a time, scheduled (strongroom.compliance.drill.cron) or on demand:
 * samples backed-up documents across upload time, fetches each recorded version from the primary
 * bucket (and from the replica when it is configured and reachable) into a scratch folder,
 * re-hashes the file on disk against the catalog's SHA-256, and records each result and its
 * duration. A version whose bytes differ is a FAIL naming the document and version, even when
 * another version of the key holds the right bytes: the ledger names this version.
 */
@ApplicationScoped
public class DrillService {

    private static final Logger LOG = Logger.getLogger(DrillService.class);
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final Duration RECONCILE_TIMEOUT = Duration.ofMinutes(30);
    private static final int LOAD_BATCH = 500;

    private final BackupTarget primary;
    private final BackupTarget replica;
    private final BackupConfig backup;
    private final ComplianceConfig.Drill config;
    private final SnapshotReconcile reconcile;
    private final Auditor auditor;
    private final JobRunner runner;
    private final DocumentBackups documents;
    private final Path scratchRoot;
    private final ExecutorService fetchers;
    private final SecureRandom random = new SecureRandom();

    /**
     * A request to drill now.
     *
     * @param sampleSize overrides the configured size when set
     * @param replica overrides strongroom.compliance.drill.replica when set
     */
    public record DrillRequest(Integer sampleSize, boolean reconcile, Boolean replica) {
    }

    public DrillService(BackupTarget primary, @ReplicaRegion BackupTarget replica, BackupConfig backup, ComplianceConfig config,
            SnapshotReconcile reconcile, Auditor auditor, RestoreDrills drills, JobRunner runner,
            DocumentBackups documents) {
        this.primary = primary;
        this.documents = documents;
        this.replica = replica;
        this.backup = backup;
        this.config = config.drill();
        this.reconcile = reconcile;
        this.auditor = auditor;
        this.runner = runner;
        this.scratchRoot = drills.scratchRoot();
        int threads = Math.max(1, backup.parallelism());
        int[] n = { 0 };
        this.fetchers = Executors.newFixedThreadPool(threads, r -> new Thread(r, "restore-drill-fetch-" + (++n[0])));
    }

    private static final String SCHEDULE = "schedule";

    @Scheduled(cron = "{strongroom.compliance.drill.cron}", identity = "restore-drill",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    void scheduled(ScheduledExecution execution) {
        if (!configured()) {
            LOG.warn("The scheduled restore drill did not run: no backup bucket is configured");
            return;
        }
        try {
            startScheduled(execution.getScheduledFireTime());
        } catch (ProblemException e) {
            // Another host running it is how a vault of several hosts runs one drill per schedule, not a fault.
            LOG.logf(e.type() == ProblemType.HELD_BY_ANOTHER_HOST ? Logger.Level.INFO : Logger.Level.WARN,
                    "The scheduled restore drill did not start here: %s", e.getMessage());
        }
    }

    public boolean configured() {
        return backup.bucket().filter(b -> !b.isBlank()).isPresent();
    }

    /**
     * The scheduled drill, unless a host of the vault already started one for this firing of the schedule (every
     * host's schedule fires; the lease lets one in at a time, and the one let in looks under the lease).
     */
    synchronized void startScheduled(Instant firedAt) {
        runner.refuseStart(RestoreDrills.KIND);
        Optional<RestoreDrill> made = QuarkusTransaction.requiringNew().call(() -> RestoreDrill.<RestoreDrill>find(
                "trigger = ?1 and startedAt >= ?2 order by startedAt", SCHEDULE, firedAt).firstResultOptional());
        if (made.isPresent()) {
            runner.abandonStart(RestoreDrills.KIND);
            LOG.infof("The restore drill scheduled for %s is run already (%s, on host %s)", firedAt, made.get().id,
                    made.get().hostId);
            return;
        }
        startLeased(SCHEDULE, Actor.SYSTEM, new DrillRequest(null, false, null));
    }

    /** Starts a drill in the background; 503 without a backup bucket, 409 while another drill runs. */
    public synchronized DrillView start(String trigger, Actor actor, DrillRequest request) {
        if (!configured()) {
            auditor.recordAs(null, actor.name(), actor.role(), ComplianceAction.DRILL_START, "compliance/drills",
                    Outcome.REJECTED, Map.of("reason", "not configured"));
            throw new ProblemException(503, ProblemType.BACKUP_NOT_CONFIGURED, "Backups are not configured",
                    "A restore drill restores from the S3 backup, and no backup bucket is configured "
                            + "(strongroom.backup.bucket)");
        }
        runner.refuseStart(RestoreDrills.KIND);
        return startLeased(trigger, actor, request);
    }

    private DrillView startLeased(String trigger, Actor actor, DrillRequest request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RestoreDrill drill = new RestoreDrill();
        drill.id = RestoreDrills.ID_PREFIX + ID.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
        drill.trigger = trigger;
        drill.triggeredBy = actor.name();
        drill.state = DrillState.RUNNING;
        drill.startedAt = now;
        drill.hostId = runner.hostId();
        QuarkusTransaction.requiringNew().run(drill::persist);
        auditor.recordAs(null, actor.name(), actor.role(), ComplianceAction.DRILL_START, "compliance/drill/" + drill.id,
                Outcome.SUCCESS, Map.of("trigger", trigger, "reconcile", request.reconcile()));
        runner.launch(RestoreDrills.KIND, new Progress(drill.id, now), p -> execute(drill.id, actor, request, p));
        return view(drill);
    }

    public Optional<DrillView> find(String id) {
        return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> RestoreDrill.<RestoreDrill>findById(id)))
                .map(this::view);
    }

    public List<DrillView> recent(int page, int size) {
        return QuarkusTransaction.requiringNew().call(() -> RestoreDrill.<RestoreDrill>findAll(
                Sort.descending("startedAt")).page(page, size).list()).stream().map(this::view).toList();
    }

    /** The newest drill that finished, for the compliance report. */
    public Optional<DrillView> latestFinished() {
        return QuarkusTransaction.requiringNew().call(() -> RestoreDrill.<RestoreDrill>find(
                "state <> ?1 order by startedAt desc", DrillState.RUNNING).firstResultOptional()).map(this::view);
    }

    /** Every item of a drill, failures first. */
    public List<DrillView.Item> items(String id) {
        return QuarkusTransaction.requiringNew().call(() -> DrillItem.<DrillItem>find(
                "key.drillId = ?1 order by outcome, key.documentId, key.bucketRole", id).list()).stream()
                .map(DrillView.Item::of).toList();
    }

    private DrillView view(RestoreDrill drill) {
        Optional<Progress> running = runner.live(RestoreDrills.KIND, drill.id, Progress.class);
        if (drill.state == DrillState.RUNNING && running.isPresent()) {
            Progress live = running.get();
            return DrillView.of(drill, live.planned, live.done.get(), live.passed.get(), live.failed.get(),
                    live.bytes.get(), List.of());
        }
        List<DrillView.Item> failures = QuarkusTransaction.requiringNew().call(() -> DrillItem.<DrillItem>find(
                "key.drillId = ?1 and outcome = ?2 order by key.documentId, key.bucketRole", drill.id, DrillOutcome.FAIL)
                .list()).stream().map(DrillView.Item::of).toList();
        int items = drill.passed + drill.failed;
        return DrillView.of(drill, items, items, drill.passed, drill.failed, drill.bytes, failures);
    }

    private void execute(String drillId, Actor actor, DrillRequest request, Progress progress) {
        Path scratch = scratchRoot.resolve(drillId);
        String error = null;
        String bucket = backup.bucket().orElseThrow();
        String replicaBucket = null;
        String replicaNote;
        String reconcileId = null;
        JobState reconcileState = null;
        String reconcileSummary = null;
        int population = 0;
        int sampleSize = 0;
        try {
            Files.createDirectories(scratch);
            List<String> ordered = documents.backedUpIds();
            population = ordered.size();
            int wanted = request.sampleSize() != null ? Math.min(request.sampleSize(), population)
                    : DrillSampler.size(population, config.sampleRatio(), config.sampleMin());
            List<DocumentBackups.Copy> sample = load(DrillSampler.pick(ordered, wanted, config.strata(), random));
            sampleSize = sample.size();
            replicaNote = replicaNote(request.replica());
            if (replicaNote == null) {
                replicaBucket = backup.replicaBucket().get();
                replicaNote = "replica bucket " + replicaBucket + " checked";
            }
            progress.planned = sampleSize * (replicaBucket == null ? 1 : 2);
            saveSample(drillId, population, sampleSize, replicaBucket, replicaNote);
            LOG.infof("Restore drill %s: %d of %d backed-up document(s) sampled from %s%s", drillId, sampleSize,
                    population, bucket, replicaBucket == null ? " (" + replicaNote + ")" : " and " + replicaBucket);
            restoreAll(drillId, sample, new ObjectFetcher(primary), DrillItem.PRIMARY, scratch, progress);
            if (replicaBucket != null) {
                restoreAll(drillId, sample, new ObjectFetcher(replica), DrillItem.REPLICA, scratch, progress);
            }
            sayWhereFailuresStillAre(drillId, replicaBucket, replicaNote);
            if (request.reconcile()) {
                ReconcileReport report = reconcileDryRun(actor);
                reconcileId = report.id();
                reconcileState = JobState.ofStored(report.state());
                reconcileSummary = summary(report);
            }
        } catch (ProblemException e) {
            reconcileState = JobState.FAILED;
            reconcileSummary = "the reconcile dry run did not start: " + e.getMessage();
        } catch (RuntimeException | IOException e) {
            error = e instanceof StorageFailure ? "S3: " + e.getMessage() : e.getClass().getSimpleName() + ": "
                    + e.getMessage();
            if (Stopping.now()) {
                // The stop took what the drill was using; the next start marks it interrupted.
                LOG.warnf("Restore drill %s cut off by the stop: %s", drillId, error);
                return;
            }
            LOG.errorf(e, "Restore drill %s failed", drillId);
        } finally {
            WorkFolders.deleteQuietly(scratch);
        }
        finish(drillId, actor, progress, error, reconcileId, reconcileState, reconcileSummary, population, sampleSize);
    }

    /**
     * A failed primary copy is only half the story for whoever reads the drill: each failure also
     * says whether the replica holds the document's bytes, or why that was not looked at.
     */
    private void sayWhereFailuresStillAre(String drillId, String replicaBucket, String replicaNote) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<DrillItem> failed = DrillItem.<DrillItem>find("key.drillId = ?1 and key.bucketRole = ?2 and outcome = ?3",
                    drillId, DrillItem.PRIMARY, DrillOutcome.FAIL).list();
            for (DrillItem item : failed) {
                String where;
                if (replicaBucket == null) {
                    where = "the replica was not checked (" + replicaNote + ")";
                } else {
                    DrillItem replica = DrillItem.findById(new DrillItem.Key(drillId, item.key.documentId,
                            DrillItem.REPLICA));
                    where = replica != null && replica.outcome == DrillOutcome.PASS
                            ? "the replica bucket " + replicaBucket + " still holds its bytes"
                            : "the replica bucket " + replicaBucket + " does not hold them either";
                }
                String reason = item.reason + "; " + where;
                item.reason = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
            }
        });
    }

    /** Null when the replica is to be checked; otherwise why it is skipped. */
    private String replicaNote(Boolean asked) {
        Optional<String> replicaBucket = backup.replicaBucket().filter(b -> !b.isBlank());
        if (replicaBucket.isEmpty()) {
            return "skipped: no replica bucket is configured (strongroom.backup.replica-bucket)";
        }
        if (Boolean.FALSE.equals(asked)) {
            return "skipped: not asked for in this drill";
        }
        if (asked == null && !config.replica()) {
            return "skipped: the replica is not part of drills here (strongroom.compliance.drill.replica=false)";
        }
        try {
            replica.probe();
            return null;
        } catch (StorageFailure e) {
            return "skipped: the replica bucket " + replicaBucket.get() + " is not reachable (" + e.getMessage() + ")";
        }
    }

    private List<DocumentBackups.Copy> load(List<String> ids) {
        List<DocumentBackups.Copy> sample = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += LOAD_BATCH) {
            List<String> slice = ids.subList(i, Math.min(ids.size(), i + LOAD_BATCH));
            sample.addAll(documents.copiesOf(slice));
        }
        sample.sort(Comparator.comparing(DocumentBackups.Copy::uploadedAt).thenComparing(DocumentBackups.Copy::id));
        return sample;
    }

    private void saveSample(String drillId, int population, int sampleSize, String replicaBucket, String note) {
        QuarkusTransaction.requiringNew().run(() -> {
            RestoreDrill drill = RestoreDrill.findById(drillId);
            drill.population = population;
            drill.sampleSize = sampleSize;
            drill.replicaBucket = replicaBucket;
            drill.replicaChecked = replicaBucket != null;
            drill.replicaNote = note;
        });
    }

    private void restoreAll(String drillId, List<DocumentBackups.Copy> sample, ObjectFetcher fetcher, String role,
            Path scratch, Progress progress) {
        Instant[] lastLog = { Instant.now() };
        List<Future<?>> futures = new ArrayList<>();
        for (DocumentBackups.Copy doc : sample) {
            futures.add(fetchers.submit(() -> {
                DrillItem item = restoreOne(drillId, doc, fetcher, role, scratch);
                QuarkusTransaction.requiringNew().run(item::persist);
                progress.done.incrementAndGet();
                progress.bytes.addAndGet(item.outcome == DrillOutcome.PASS ? item.sizeBytes : 0);
                (item.outcome == DrillOutcome.PASS ? progress.passed : progress.failed).incrementAndGet();
                if (item.outcome == DrillOutcome.FAIL) {
                    // A finding of the drill, recorded, audited and in the compliance report; the drill's
                    // own end says how many there were.
                    LOG.warnf("Restore drill %s: %s copy of document %s FAILED: %s", drillId, role, doc.id(),
                            item.reason);
                }
                logProgress(progress, lastLog);
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("restore drill interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private DrillItem restoreOne(String drillId, DocumentBackups.Copy doc, ObjectFetcher fetcher, String role,
            Path scratch) {
        DrillItem item = new DrillItem();
        item.key = new DrillItem.Key(drillId, doc.id(), role);
        item.versionId = doc.versionId();
        item.sha256 = doc.sha256();
        item.sizeBytes = doc.sizeBytes();
        item.uploadedAt = doc.uploadedAt();
        long started = System.nanoTime();
        Path target = scratch.resolve(doc.id() + "-" + role);
        try {
            ObjectFetcher.Fetched fetched = fetcher.fetchToFile(ObjectKeys.document(doc.id()), doc.versionId(),
                    doc.sha256(), target);
            String onDisk = Sha256.hexOf(target);
            if (!onDisk.equals(doc.sha256())) {
                fail(item, "the restored file hashes to " + onDisk + ", not the catalog's " + doc.sha256());
            } else if (DrillItem.PRIMARY.equals(role) && !fetched.versionId().equals(doc.versionId())) {
                // The ledger names this version: another version holding the right bytes does not excuse it.
                fail(item, "version " + doc.versionId() + " of " + ObjectKeys.document(doc.id())
                        + " does not hash to the catalog's " + doc.sha256() + "; only version " + fetched.versionId()
                        + " does");
            } else {
                item.outcome = DrillOutcome.PASS;
                item.reason = fetched.versionId().equals(doc.versionId()) ? null
                        : "the replica holds the bytes as version " + fetched.versionId();
            }
        } catch (ObjectFetcher.RestoreFailure e) {
            fail(item, "version " + doc.versionId() + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            fail(item, "could not be restored: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            item.durationMs = (System.nanoTime() - started) / 1_000_000;
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                LOG.warnf("Could not remove %s: %s", target, e.getMessage());
            }
        }
        return item;
    }

    private static void fail(DrillItem item, String reason) {
        item.outcome = DrillOutcome.FAIL;
        item.reason = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
    }

    private ReconcileReport reconcileDryRun(Actor actor) {
        ReconcileReport started = reconcile.start(true, actor);
        try {
            return reconcile.whenFinished(started.id()).orElseThrow(() -> new IllegalStateException(
                    "reconcile dry run " + started.id() + " is not known to the vault that started it"))
                    .get(RECONCILE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for reconcile " + started.id(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("reconcile dry run " + started.id() + " still running after "
                    + RECONCILE_TIMEOUT.toMinutes() + " min", e);
        } catch (ExecutionException e) {
            // The reconcile completes its future only with its report; a failure is a state in it.
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String summary(ReconcileReport r) {
        StringBuilder s = new StringBuilder("dry run " + r.state());
        if (r.blobs() != null) {
            s.append(": ").append(r.blobs().documents()).append(" documents, ").append(r.blobs().verified())
                    .append(" verified, ").append(r.blobs().fetched().size()).append(" would come from S3, ")
                    .append(r.blobs().failed().size()).append(" failed");
        }
        if (r.catalog() != null) {
            s.append("; ").append(r.catalog().added().size()).append(" catalog rows would be added");
        }
        if (!r.problems().isEmpty()) {
            s.append("; problems: ").append(String.join("; ", r.problems()));
        }
        return s.length() > 4000 ? s.substring(0, 4000) : s.toString();
    }

    private void finish(String drillId, Actor actor, Progress progress, String error, String reconcileId,
            JobState reconcileState, String reconcileSummary, int population, int sampleSize) {
        boolean reconcileOk = reconcileState == null || reconcileState == JobState.SUCCEEDED;
        DrillState state = error == null && progress.failed.get() == 0 && reconcileOk ? DrillState.PASSED
                : DrillState.FAILED;
        Instant finished = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        QuarkusTransaction.requiringNew().run(() -> {
            RestoreDrill drill = RestoreDrill.findById(drillId);
            drill.state = state;
            drill.finishedAt = finished;
            drill.population = population;
            drill.sampleSize = sampleSize;
            drill.passed = progress.passed.get();
            drill.failed = progress.failed.get();
            drill.bytes = progress.bytes.get();
            drill.reconcileId = reconcileId;
            drill.reconcileState = reconcileState;
            drill.reconcileSummary = reconcileSummary;
            drill.error = error == null ? null : error.substring(0, Math.min(error.length(), 4000));
        });
        runner.ended(RestoreDrills.KIND, progress);
        LOG.logf(state == DrillState.PASSED ? Logger.Level.INFO : Logger.Level.WARN,
                "Restore drill %s %s: %d of %d document(s) sampled, %d item(s) passed, %d failed%s%s", drillId,
                state.stored(), sampleSize, population, progress.passed.get(), progress.failed.get(),
                reconcileState == null ? "" : "; reconcile " + reconcileSummary, error == null ? "" : "; " + error);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("state", state.stored());
        detail.put("population", population);
        detail.put("sampleSize", sampleSize);
        detail.put("passed", progress.passed.get());
        detail.put("failed", progress.failed.get());
        detail.put("reconcile", reconcileState == null ? null : reconcileState.stored());
        detail.put("error", error);
        auditor.recordAs(null, actor.name(), actor.role(), ComplianceAction.DRILL, "compliance/drill/" + drillId,
                state == DrillState.PASSED ? Outcome.SUCCESS : Outcome.FAILURE, detail);
    }

    private static void logProgress(Progress p, Instant[] lastLog) {
        synchronized (lastLog) {
            Instant now = Instant.now();
            if (p.done.get() == p.planned || Duration.between(lastLog[0], now).compareTo(LOG_EVERY) >= 0) {
                lastLog[0] = now;
                LOG.infof("Restore drill %s: %d of %d item(s) done, %d failed", p.id(), p.done.get(), p.planned,
                        p.failed.get());
            }
        }
    }

    @PreDestroy
    void stop() {
        fetchers.shutdownNow();
    }

    /** Live counters of the running drill. */
    private static final class Progress extends JobProgress {
        volatile int planned;
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger passed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicLong bytes = new AtomicLong();

        Progress(String id, Instant startedAt) {
            super(id, startedAt, "running");
        }
    }
}
