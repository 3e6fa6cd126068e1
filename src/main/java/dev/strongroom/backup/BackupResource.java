package dev.strongroom.backup;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.audit.ResultReads;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.QueryParams;
import dev.strongroom.jobs.JobResponses;
import dev.strongroom.http.Roles;
import dev.strongroom.jobs.JobState;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Backup runs and status, for ops only: admins manage people and configuration, and an admin who also
 * operates the vault holds the ops role as well (README, Roles), so no one account both grants access
 * and watches the backups unseen.
 */
@Path("/api/backups")
@Tag(name = "Backups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPS)
public class BackupResource {

    private final BackupService backups;
    private final BucketPostureCheck posture;
    private final BackupOverview overview;
    private final Auditor auditor;
    private final ResultReads reads;
    private final SecurityIdentity identity;

    public BackupResource(BackupService backups, BucketPostureCheck posture, BackupOverview overview, Auditor auditor,
            ResultReads reads, SecurityIdentity identity) {
        this.backups = backups;
        this.posture = posture;
        this.overview = overview;
        this.auditor = auditor;
        this.reads = reads;
        this.identity = identity;
    }

    @POST
    @Path("runs")
    @Operation(summary = "Start a backup run now",
            description = "Uploads every document not yet confirmed in S3, then the catalog export, the audit journal "
                    + "and the run's manifest. Returns at once; poll the run for progress.")
    @APIResponse(responseCode = "202", description = "Started; body is the run with state 'running'")
    @APIResponse(responseCode = "409", description = "Another run is still going (its id is in 'runId')")
    @APIResponse(responseCode = "503", description = "Backups are not configured")
    public Response start(UriInfo uri) {
        BackupRunView run;
        try {
            run = backups.start("manual", identity.getPrincipal().getName());
        } catch (ProblemException e) {
            auditor.record(BackupAction.RUN_START, "backup/runs", Outcome.REJECTED, Map.of("reason", e.slug()));
            throw e;
        }
        auditor.record(BackupAction.RUN_START, "backup/run/" + run.id(), Outcome.SUCCESS, Map.of("trigger", "manual"));
        return JobResponses.accepted(uri, run.id(), run);
    }

    @GET
    @Path("runs")
    @Operation(summary = "Recent backup runs, newest first", description = "A running run shows live progress.")
    @APIResponse(responseCode = "200", description = "One page of runs")
    @APIResponse(responseCode = "400", description = "A malformed parameter")
    public List<BackupRunView> runs(@QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("20") String size) {
        int pageSize = QueryParams.size(size, 200);
        List<BackupRunView> runs = backups.recent(QueryParams.page(page, pageSize), pageSize);
        auditor.record(BackupAction.RUN_LIST, "backup/runs", Outcome.SUCCESS, Map.of("count", runs.size()));
        return runs;
    }

    @GET
    @Path("runs/{id}")
    @Operation(summary = "One backup run: state, counts, bytes, errors and duration, live while running",
            description = "Reads while the run is running (progress polls) are not audited; each user's first read "
                    + "of the finished run is (docs/audit-format.md).")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No such run")
    public BackupRunView run(@PathParam("id") String id) {
        BackupRunView run = backups.find(id).orElse(null);
        if (run == null) {
            auditor.record(BackupAction.RUN_VIEW, "backup/run/" + id, Outcome.REJECTED, Map.of("reason", "not found"));
            throw ProblemException.notFound("No backup run " + id);
        }
        if (reads.toRecord(identity.getPrincipal().getName(), "backup/run/" + id,
                !JobState.RUNNING.stored().equals(run.state()))) {
            auditor.record(BackupAction.RUN_VIEW, "backup/run/" + id, Outcome.SUCCESS, Map.of("state", run.state()));
        }
        return run;
    }

    @GET
    @Path("status")
    @Operation(summary = "Backup status: configured, bucket posture, lag, pending documents, a stalled run, the "
            + "latest spot-check of the bucket, last run, problems")
    @APIResponse(responseCode = "200", description = "The status; 'problems' is empty when all is well")
    public BackupStatus status() {
        BackupStatus status = overview.current();
        auditor.record(BackupAction.STATUS, "backup", Outcome.SUCCESS, Map.of("problems", status.problems().size()));
        return status;
    }

    @POST
    @Path("posture")
    @Operation(summary = "Check the bucket posture now", description = "Also runs once the vault has started, and every hour.")
    @APIResponse(responseCode = "200", description = "The result, compliant or with every finding")
    @APIResponse(responseCode = "503", description = "Backups are not configured")
    public BucketPosture checkPosture() {
        if (!backups.configured()) {
            auditor.record(BackupAction.POSTURE, "backup", Outcome.REJECTED, Map.of("reason", "not configured"));
            throw new ProblemException(503, ProblemType.BACKUP_NOT_CONFIGURED, "Backups are not configured",
                    "No backup bucket is configured (strongroom.backup.bucket)");
        }
        return posture.check();
    }
}
