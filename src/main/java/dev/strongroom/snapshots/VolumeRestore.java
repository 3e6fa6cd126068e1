package dev.strongroom.snapshots;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import dev.strongroom.jobs.Actor;
import dev.strongroom.jobs.JobKind;
import dev.strongroom.jobs.JobProgress;
import dev.strongroom.jobs.JobRunner;
import dev.strongroom.jobs.RecentJobs;
import dev.strongroom.http.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

/**
 * Restores a snapshot as a new volume next to the current one: create a gp3, encrypted volume from
 * the snapshot in the instance's zone (tagged with where it came from and who asked), wait until it
 * is available, attach it at strongroom.snapshots.restore-device, wait until it is attached. The
 * current data volume is never touched; switching to the restored one is the host's step
 * (deploy/mount-restored-volume.sh), because mounting needs root on the instance.
 * <p>
 * One restore at a time. Every step is audited with the person who started it. A dry run checks
 * everything it can, including EC2's own DryRun of CreateVolume (which tests the permission), and
 * creates nothing. Restores are kept in memory (the last 20); the audit trail is their record.
 */
@ApplicationScoped
public class VolumeRestore {

    private static final Logger LOG = Logger.getLogger(VolumeRestore.class);
    private static final int KEEP = 20;
    /** Kept in memory only: after a crash there is nothing to mark, and the audit trail is the record. */
    static final JobKind KIND = new JobKind("snapshot-restore", "Restore", "running", ProblemType.SNAPSHOT_RESTORE_RUNNING,
            "restoreId", JobKind.OnStop.INTERRUPT, JobKind.Recovery.NONE);
    static final String RESTORED_FROM_TAG = "strongroom:restored-from";
    /**
     * The tags that name the vault and host a data volume belongs to. The instance role may create only
     * volumes tagged with its vault, from snapshots tagged with it (DLM copies them from the volume), and
     * attach them only to itself (policies/iam-snapshots.json), so a restored volume carries the tags of
     * the volume it replaces.
     */
    static final List<String> IDENTITY_TAGS = List.of("strongroom:vault", "strongroom:host");

    private final Ec2Client ec2;
    private final InstanceLocator locator;
    private final VolumeSnapshots snapshots;
    private final SnapshotMonitor monitor;
    private final SnapshotConfig config;
    private final Auditor auditor;
    private final JobRunner runner;
    private final RecentJobs<RestoreJob> jobs = new RecentJobs<>(KEEP);

    public VolumeRestore(Ec2Client ec2, InstanceLocator locator, VolumeSnapshots snapshots, SnapshotMonitor monitor,
            SnapshotConfig config, Auditor auditor, JobRunner runner) {
        this.ec2 = ec2;
        this.locator = locator;
        this.snapshots = snapshots;
        this.monitor = monitor;
        this.config = config;
        this.auditor = auditor;
        this.runner = runner;
    }

    /** Plans, then either only checks (dry run) or starts the restore in the background. */
    public synchronized VolumeRestoreView start(String snapshotId, boolean dryRun, Actor actor) {
        if (!dryRun) {
            runner.refuseIfRunning(KIND);
        }
        RestorePlan plan;
        try {
            plan = plan(snapshotId, actor);
        } catch (ProblemException e) {
            audit(actor, SnapshotAction.RESTORE, snapshotId, Outcome.REJECTED,
                    Map.of("dryRun", dryRun, "reason", e.getMessage()));
            throw e;
        }
        RestoreJob job = new RestoreJob("restore-" + UUID.randomUUID().toString().substring(0, 8), dryRun, actor,
                plan, config.restoreDevice(), snapshotId);
        jobs.remember(job.id(), job);
        if (dryRun) {
            job.dryRun(ec2DryRun(plan));
            audit(actor, SnapshotAction.RESTORE, snapshotId, job.error == null ? Outcome.SUCCESS : Outcome.FAILURE,
                    detail(job, "dryRun", true, "checked", "snapshot, zone, device, CreateVolume permission"));
            return job.view();
        }
        audit(actor, SnapshotAction.RESTORE, snapshotId, Outcome.SUCCESS, detail(job, "dryRun", false, "state", "started"));
        LOG.infof("Restore %s of %s started by %s: new volume in %s, attached to %s at %s", job.id(), snapshotId,
                actor.name(), plan.availabilityZone(), plan.instanceId(), plan.device());
        runner.launch(KIND, job, this::execute);
        return job.view();
    }

    public Optional<VolumeRestoreView> find(String id) {
        return jobs.find(id).map(RestoreJob::view);
    }

    public List<VolumeRestoreView> recent() {
        return jobs.newestFirst().stream().map(RestoreJob::view).toList();
    }

    RestorePlan plan(String snapshotId, Actor actor) {
        InstanceIdentity identity = locator.identity();
        SnapshotView snapshot;
        try {
            snapshot = snapshots.find(snapshotId).orElse(null);
        } catch (Ec2Exception e) {
            if (code(e).startsWith("InvalidSnapshot")) {
                snapshot = null;
            } else {
                throw unavailable(e);
            }
        } catch (SdkException e) {
            throw unavailable(e);
        }
        if (snapshot == null) {
            throw ProblemException.notFound("No snapshot " + snapshotId + " in this account and region");
        }
        if (!snapshot.completed()) {
            throw ProblemException.conflict(ProblemType.SNAPSHOT_NOT_COMPLETED, "Snapshot " + snapshotId + " is "
                    + snapshot.state() + " (" + snapshot.progress() + "); only a completed snapshot can be restored",
                    Map.of("state", String.valueOf(snapshot.state())));
        }
        String policyId = monitor.latest().map(SnapshotStatus::policy).map(PolicyStatus::policyId)
                .or(() -> config.policyId()).orElse(null);
        String[] tag = config.targetTag().split("=", 2);
        boolean ours = identity.volumeId().equals(snapshot.volumeId())
                || policyId != null && policyId.equals(snapshot.policyId())
                || tag.length == 2 && tag[1].equals(snapshot.tags().get(tag[0]));
        if (!ours) {
            throw ProblemException.conflict(ProblemType.NOT_A_DATA_VOLUME_SNAPSHOT, "Snapshot " + snapshotId + " is of volume "
                    + snapshot.volumeId() + ", not of the data volume " + identity.volumeId()
                    + ", and was not taken by its DLM policy", Map.of());
        }
        Map<String, String> identityTags = identityTags(identity.volumeId());
        String vault = identityTags.get(IDENTITY_TAGS.get(0));
        if (vault != null && !vault.equals(snapshot.tags().get(IDENTITY_TAGS.get(0)))) {
            throw ProblemException.conflict(ProblemType.SNAPSHOT_OF_ANOTHER_VAULT, "Snapshot " + snapshotId + " is tagged "
                    + IDENTITY_TAGS.get(0) + "=" + snapshot.tags().get(IDENTITY_TAGS.get(0)) + ", not " + vault
                    + " like the data volume " + identity.volumeId() + "; the vault restores only its own snapshots",
                    Map.of("vault", vault));
        }
        List<Volume> onDevice;
        try {
            onDevice = ec2.describeVolumes(b -> b.filters(
                    Filter.builder().name("attachment.instance-id").values(identity.instanceId()).build(),
                    Filter.builder().name("attachment.device").values(config.restoreDevice()).build())).volumes();
        } catch (SdkException e) {
            throw unavailable(e);
        }
        if (!onDevice.isEmpty()) {
            throw ProblemException.conflict(ProblemType.RESTORE_DEVICE_IN_USE, "The instance " + identity.instanceId()
                    + " already has volume " + onDevice.get(0).volumeId() + " at " + config.restoreDevice()
                    + ": detach it (or set strongroom.snapshots.restore-device) first",
                    Map.of("volumeId", onDevice.get(0).volumeId()));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("Name", "strongroom-data restored from " + snapshotId);
        // The restored volume is meant to become the data volume; tagged for DLM from its first
        // minute, it is never a day without snapshots. An abandoned one is deleted by hand (RUNBOOK).
        if (tag.length == 2) {
            tags.put(tag[0], tag[1]);
        }
        tags.putAll(identityTags);
        tags.put(RESTORED_FROM_TAG, snapshotId);
        tags.put("strongroom:replaces-volume", identity.volumeId());
        tags.put("strongroom:restored-by", actor.name());
        return new RestorePlan(snapshotId, snapshot.startTime(), snapshot.volumeId(), identity.instanceId(),
                identity.availabilityZone(), config.restoreDevice(), config.volumeType(), true,
                config.kmsKeyId().orElse(null), identity.volumeId(), tags);
    }

    private Map<String, String> identityTags(String volumeId) {
        List<Volume> volumes;
        try {
            volumes = ec2.describeVolumes(b -> b.volumeIds(volumeId)).volumes();
        } catch (SdkException e) {
            throw unavailable(e);
        }
        Map<String, String> found = new LinkedHashMap<>();
        volumes.stream().flatMap(v -> v.tags().stream()).filter(t -> IDENTITY_TAGS.contains(t.key()))
                .forEach(t -> found.put(t.key(), t.value()));
        return found;
    }

    /** EC2 answers DryRunOperation when the real call would have been allowed; anything else is why it would fail. */
    private String ec2DryRun(RestorePlan plan) {
        try {
            ec2.createVolume(b -> createVolume(b, plan, "dry-run").dryRun(true));
            return "EC2 accepted a CreateVolume with DryRun set but did not say DryRunOperation";
        } catch (AwsServiceException e) {
            return "DryRunOperation".equals(code(e)) ? null
                    : "EC2 would refuse CreateVolume: " + code(e) + " " + e.awsErrorDetails().errorMessage();
        } catch (SdkException e) {
            return "EC2 could not be reached: " + e.getMessage();
        }
    }

    private software.amazon.awssdk.services.ec2.model.CreateVolumeRequest.Builder createVolume(
            software.amazon.awssdk.services.ec2.model.CreateVolumeRequest.Builder b, RestorePlan plan, String restoreId) {
        List<Tag> tags = new ArrayList<>();
        plan.tags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        tags.add(Tag.builder().key("strongroom:restore-id").value(restoreId).build());
        return b.snapshotId(plan.snapshotId()).availabilityZone(plan.availabilityZone()).volumeType(plan.volumeType())
                .encrypted(true).kmsKeyId(plan.kmsKeyId())
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VOLUME).tags(tags).build());
    }

    private void execute(RestoreJob job) {
        RestorePlan plan = job.plan;
        try {
            job.begin("create-volume");
            String volumeId = ec2.createVolume(b -> createVolume(b, plan, job.id())).volumeId();
            job.volumeId = volumeId;
            job.done("volume " + volumeId + " from " + plan.snapshotId() + " in " + plan.availabilityZone());
            audit(job.actor, SnapshotAction.RESTORE_CREATE_VOLUME, plan.snapshotId(), Outcome.SUCCESS,
                    detail(job, "volumeId", volumeId));

            job.begin("wait-available");
            awaitVolume(job, volumeId, v -> v.stateAsString(), "available");
            job.done(volumeId + " is available");
            audit(job.actor, SnapshotAction.RESTORE_WAIT_AVAILABLE, plan.snapshotId(), Outcome.SUCCESS,
                    detail(job, "volumeId", volumeId, "observed", String.join(",", job.current().observed)));

            job.begin("attach");
            String attaching = ec2.attachVolume(b -> b.volumeId(volumeId).instanceId(plan.instanceId())
                    .device(plan.device())).stateAsString();
            job.observe(attaching);
            job.done(volumeId + " attaching to " + plan.instanceId() + " at " + plan.device());
            audit(job.actor, SnapshotAction.RESTORE_ATTACH, plan.snapshotId(), Outcome.SUCCESS,
                    detail(job, "volumeId", volumeId, "device", plan.device()));

            job.begin("wait-attached");
            awaitVolume(job, volumeId, v -> v.attachments().stream().filter(a -> plan.instanceId()
                    .equals(a.instanceId())).map(VolumeAttachment::stateAsString).findFirst().orElse("detached"),
                    "attached");
            job.done(volumeId + " is attached to " + plan.instanceId() + " at " + plan.device());
            audit(job.actor, SnapshotAction.RESTORE_WAIT_ATTACHED, plan.snapshotId(), Outcome.SUCCESS,
                    detail(job, "volumeId", volumeId, "observed", String.join(",", job.current().observed)));
            job.finish(null);
            audit(job.actor, SnapshotAction.RESTORE_ATTACHED, plan.snapshotId(), Outcome.SUCCESS,
                    detail(job, "volumeId", volumeId, "device", plan.device()));
            LOG.infof("Restore %s: volume %s from %s is attached at %s; next: %s", job.id(), volumeId,
                    plan.snapshotId(), plan.device(), job.view().next().get(0));
        } catch (RuntimeException e) {
            String why = e instanceof AwsServiceException a ? code(a) + ": " + a.awsErrorDetails().errorMessage()
                    : e.getMessage();
            job.fail(why);
            audit(job.actor, SnapshotAction.restoreStep(job.current().name), plan.snapshotId(), Outcome.FAILURE,
                    detail(job, "error", why, "volumeId", job.volumeId));
            LOG.errorf("Restore %s of %s failed at %s: %s", job.id(), plan.snapshotId(), job.current().name, why);
        } finally {
            runner.ended(KIND, job);
        }
    }

    /** Polls DescribeVolumes until {@code state} reads {@code wanted}; records every state seen. */
    private void awaitVolume(RestoreJob job, String volumeId, java.util.function.Function<Volume, String> state,
            String wanted) {
        Instant deadline = Instant.now().plus(config.waitTimeout());
        while (true) {
            Volume volume = ec2.describeVolumes(b -> b.volumeIds(volumeId)).volumes().get(0);
            String now = state.apply(volume);
            job.observe(now);
            if (wanted.equals(now)) {
                return;
            }
            if ("error".equals(now)) {
                throw new IllegalStateException("volume " + volumeId + " went into state error");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("volume " + volumeId + " still " + now + " after "
                        + config.waitTimeout() + "; it is left as it is for a person to look at");
            }
            sleep(config.pollInterval());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    private static Map<String, Object> detail(RestoreJob job, Object... pairs) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("restoreId", job.id());
        detail.put("zone", job.plan.availabilityZone());
        detail.put("instanceId", job.plan.instanceId());
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            detail.put((String) pairs[i], pairs[i + 1]);
        }
        return detail;
    }

    private void audit(Actor actor, SnapshotAction action, String snapshotId, Outcome outcome, Map<String, ?> detail) {
        auditor.recordAs(null, actor.name(), actor.role(), action, "snapshot/" + snapshotId, outcome, detail);
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? String.valueOf(e.statusCode())
                : e.awsErrorDetails().errorCode();
    }

    private static ProblemException unavailable(SdkException e) {
        return new ProblemException(503, ProblemType.EC2_UNAVAILABLE, "EC2 is not reachable", e.getMessage());
    }

    /** Live state of one restore; written by the worker, read by the API. */
    private static final class RestoreJob extends JobProgress {
        final boolean dryRun;
        final Actor actor;
        final RestorePlan plan;
        final List<MutableStep> steps = new ArrayList<>();
        volatile String volumeId;
        volatile VolumeRestoreState state;
        volatile String error;
        volatile Instant finishedAt;

        RestoreJob(String id, boolean dryRun, Actor actor, RestorePlan plan, String device, String snapshotId) {
            super(id, Instant.now().truncatedTo(ChronoUnit.MILLIS), "create-volume");
            this.dryRun = dryRun;
            this.actor = actor;
            this.plan = plan;
            this.state = dryRun ? VolumeRestoreState.PLANNED : VolumeRestoreState.RUNNING;
            for (String name : List.of("create-volume", "wait-available", "attach", "wait-attached")) {
                steps.add(new MutableStep(name));
            }
        }

        synchronized void dryRun(String problem) {
            error = problem;
            state = problem == null ? VolumeRestoreState.PLANNED : VolumeRestoreState.WOULD_FAIL;
            finishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }

        synchronized MutableStep current() {
            return steps.stream().filter(s -> s.state == StepState.RUNNING || s.state == StepState.FAILED).findFirst()
                    .orElse(steps.get(0));
        }

        synchronized void begin(String name) {
            MutableStep step = steps.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
            step.state = StepState.RUNNING;
            step.startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }

        synchronized void observe(String ec2State) {
            MutableStep step = current();
            if (step.observed.isEmpty() || !step.observed.get(step.observed.size() - 1).equals(ec2State)) {
                step.observed.add(ec2State);
            }
        }

        synchronized void done(String detail) {
            MutableStep step = current();
            step.state = StepState.DONE;
            step.detail = detail;
            step.finishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }

        synchronized void fail(String why) {
            MutableStep step = current();
            step.state = StepState.FAILED;
            step.detail = why;
            step.finishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            finish(why);
        }

        synchronized void finish(String why) {
            error = why;
            state = why == null ? VolumeRestoreState.SUCCEEDED : VolumeRestoreState.FAILED;
            finishedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }

        synchronized VolumeRestoreView view() {
            List<String> next = new ArrayList<>();
            if (state == VolumeRestoreState.SUCCEEDED) {
                next.add("on the instance: sudo deploy/mount-restored-volume.sh --volume-id " + volumeId + " --snapshot "
                        + plan.snapshotId() + " (stops the vault, mounts the restored volume as the data directory, "
                        + "starts the vault, which replays the audit journal tail from S3)");
                next.add("then: POST /api/snapshots/reconciles?dryRun=true, read the plan, and POST "
                        + "/api/snapshots/reconciles to bring back everything written after the snapshot");
            } else if (state == VolumeRestoreState.PLANNED) {
                next.add("POST /api/snapshots/restores with dryRun=false to create and attach the volume");
            }
            return new VolumeRestoreView(id(), dryRun, state.word(), actor.name(), startedAt(), finishedAt, plan, volumeId,
                    steps.stream().map(MutableStep::view).toList(), error, next);
        }
    }

    private static final class MutableStep {
        final String name;
        StepState state = StepState.PENDING;
        Instant startedAt;
        Instant finishedAt;
        String detail;
        final List<String> observed = new ArrayList<>();

        MutableStep(String name) {
            this.name = name;
        }

        RestoreStep view() {
            return new RestoreStep(name, state.word(), startedAt, finishedAt, detail, List.copyOf(observed));
        }
    }
}
