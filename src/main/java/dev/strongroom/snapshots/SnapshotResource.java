package dev.strongroom.snapshots;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.http.ProblemException;
import dev.strongroom.jobs.Actor;
import dev.strongroom.jobs.JobResponses;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * EBS snapshots of the data volume, restore from one, and reconcile with S3, for ops only (as backups:
 * see {@code BackupResource} and the README's Roles).
 */
@Path("/api/snapshots")
@Tag(name = "Snapshots")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class SnapshotResource {

    private static final Pattern SNAPSHOT_ID = Pattern.compile("snap-[0-9a-f]{8,32}");

    private final SnapshotMonitor monitor;
    private final InstanceLocator locator;
    private final VolumeSnapshots snapshots;
    private final VolumeRestore restore;
    private final SnapshotReconcile reconcile;
    private final Auditor auditor;
    private final SecurityIdentity identity;

    public SnapshotResource(SnapshotMonitor monitor, InstanceLocator locator, VolumeSnapshots snapshots,
            VolumeRestore restore, SnapshotReconcile reconcile, Auditor auditor, SecurityIdentity identity) {
        this.monitor = monitor;
        this.locator = locator;
        this.snapshots = snapshots;
        this.restore = restore;
        this.reconcile = reconcile;
        this.auditor = auditor;
        this.identity = identity;
    }

    @GET
    @Path("status")
    @Operation(summary = "Snapshot status: DLM policy state and compliance, snapshot count, newest snapshot age",
            description = "As of the last check (shortly after start and every strongroom.snapshots.status-every); "
                    + "POST /api/snapshots/checks checks now.")
    @APIResponse(responseCode = "200", description = "The status; 'problems' is empty when all is well")
    public SnapshotStatus status() {
        SnapshotStatus status = monitor.latest().orElseGet(monitor::checkNow);
        auditor.record(SnapshotAction.STATUS_READ, "snapshots", Outcome.SUCCESS, Map.of("problems", status.problems().size()));
        return status;
    }

    @POST
    @Path("checks")
    @Operation(summary = "Check the DLM policy and the snapshots now")
    @APIResponse(responseCode = "200", description = "The fresh status, also kept for health and metrics")
    public SnapshotStatus checkNow() {
        return monitor.checkNow();
    }

    @GET
    @Operation(summary = "The data volume's snapshots, newest first",
            description = "EC2 DescribeSnapshots by the data volume's id and by the DLM policy's tag, so snapshots "
                    + "of a volume this one was restored from are listed too.")
    @APIResponse(responseCode = "200", description = "The snapshots")
    @APIResponse(responseCode = "503", description = "Snapshots are not configured, or EC2 is not reachable")
    public List<SnapshotView> list() {
        InstanceIdentity instance = locator.identity();
        String policyId = monitor.latest().map(SnapshotStatus::policy).map(PolicyStatus::policyId).orElse(null);
        List<SnapshotView> list;
        try {
            list = snapshots.list(instance.volumeId(), policyId);
        } catch (SdkException e) {
            throw new ProblemException(503, ProblemType.EC2_UNAVAILABLE, "EC2 is not reachable", e.getMessage());
        }
        auditor.record(SnapshotAction.LIST, "volume/" + instance.volumeId(), Outcome.SUCCESS, Map.of("count", list.size()));
        return list;
    }

    @POST
    @Path("restores")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Restore a snapshot as a new volume attached to this instance",
            description = "Creates an encrypted gp3 volume from the snapshot in the instance's zone, waits until it "
                    + "is available, attaches it at strongroom.snapshots.restore-device and waits until it is "
                    + "attached. The current data volume is not touched. dryRun (the default) checks the snapshot, "
                    + "zone, device and EC2 permission, returns the plan and creates nothing.")
    @APIResponse(responseCode = "200", description = "Dry run: the plan, state 'planned' or 'would-fail'")
    @APIResponse(responseCode = "202", description = "Started; poll the restore for progress")
    @APIResponse(responseCode = "400", description = "No or malformed snapshotId")
    @APIResponse(responseCode = "404", description = "No such snapshot")
    @APIResponse(responseCode = "409", description = "Snapshot not completed, not of the data volume, device in use, "
            + "or another restore running")
    @APIResponse(responseCode = "503", description = "Snapshots are not configured, or EC2 is not reachable")
    public Response startRestore(RestoreRequest request, UriInfo uri) {
        if (request == null || request.snapshotId() == null || !SNAPSHOT_ID.matcher(request.snapshotId()).matches()) {
            throw ProblemException.badRequest(ProblemType.INVALID_SNAPSHOT_ID, "snapshotId must be an EBS snapshot id (snap-…)");
        }
        boolean dryRun = request.dryRun() == null || request.dryRun();
        VolumeRestoreView view = restore.start(request.snapshotId(), dryRun, Actor.of(identity));
        if (dryRun) {
            return Response.ok(view).build();
        }
        return JobResponses.accepted(uri, view.id(), view);
    }

    @GET
    @Path("restores")
    @Operation(summary = "Recent restores (this run of the vault), newest first")
    @APIResponse(responseCode = "200", description = "The restores")
    public List<VolumeRestoreView> restores() {
        return restore.recent();
    }

    @GET
    @Path("restores/{id}")
    @Operation(summary = "One restore with each step's state and the EC2 states observed")
    @APIResponse(responseCode = "200", description = "The restore")
    @APIResponse(responseCode = "404", description = "No such restore")
    public VolumeRestoreView restore(@PathParam("id") String id) {
        return restore.find(id).orElseThrow(() -> ProblemException.notFound("No restore " + id));
    }

    @POST
    @Path("reconciles")
    @Operation(summary = "Reconcile the data directory with the S3 backup",
            description = "After a restore from a snapshot: adds catalog rows written after the snapshot, verifies "
                    + "every blob against the catalog and fetches missing or corrupt ones from S3, and verifies the "
                    + "audit chain continued by the journal tail replayed at start. dryRun=true changes nothing and "
                    + "reports what would be done.")
    @APIResponse(responseCode = "202", description = "Started; poll the reconcile for progress and its report")
    @APIResponse(responseCode = "409", description = "Another reconcile is running")
    @APIResponse(responseCode = "503", description = "Backups are not configured")
    public Response startReconcile(
            @Parameter(description = "Only report what would be done") @QueryParam("dryRun") @DefaultValue("false")
            boolean dryRun, UriInfo uri) {
        ReconcileReport report = reconcile.start(dryRun, Actor.of(identity));
        return JobResponses.accepted(uri, report.id(), report);
    }

    @GET
    @Path("reconciles/{id}")
    @Operation(summary = "One reconcile: phase, counts and, when done, the full report")
    @APIResponse(responseCode = "200", description = "The reconcile")
    @APIResponse(responseCode = "404", description = "No such reconcile")
    public ReconcileReport reconcile(@PathParam("id") String id) {
        return reconcile.find(id).orElseThrow(() -> ProblemException.notFound("No reconcile " + id));
    }
}
