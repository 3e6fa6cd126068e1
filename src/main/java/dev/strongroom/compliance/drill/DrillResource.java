package dev.strongroom.compliance.drill;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.audit.ResultReads;
import dev.strongroom.jobs.Actor;
import dev.strongroom.compliance.ComplianceAction;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.QueryParams;
import dev.strongroom.jobs.JobResponses;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Restore drills, for ops and auditors. */
@Path("/api/compliance/drills")
@Tag(name = "Compliance")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.OPS, Roles.AUDITOR, Roles.ADMIN })
public class DrillResource {

    public static final int MAX_SAMPLE = 100_000;

    private final DrillService drills;
    private final Auditor auditor;
    private final ResultReads reads;
    private final SecurityIdentity identity;

    public DrillResource(DrillService drills, Auditor auditor, ResultReads reads, SecurityIdentity identity) {
        this.drills = drills;
        this.auditor = auditor;
        this.reads = reads;
        this.identity = identity;
    }

    /**
     * @param sampleSize documents to restore instead of the configured share
     * @param reconcile also run the snapshot reconcile's dry run
     * @param replica restore from the replica bucket too (default strongroom.compliance.drill.replica)
     */
    public record StartDrill(Integer sampleSize, Boolean reconcile, Boolean replica) {
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Operation(summary = "Start a restore drill now",
            description = "Restores a sample of backed-up documents from S3 (and the replica when reachable) into a "
                    + "scratch folder and re-hashes each against the catalog. Optional JSON body: sampleSize (1 to "
                    + "100000; default the configured share), reconcile (true: also run the snapshot reconcile dry "
                    + "run), replica (true or false: restore from the replica bucket too; default from the "
                    + "configuration). Returns at once; poll the drill for progress.")
    @APIResponse(responseCode = "202", description = "Started; body is {id, state, ...}; Location is the drill")
    @APIResponse(responseCode = "400", description = "sampleSize out of range")
    @APIResponse(responseCode = "403", description = "Not ops, auditor or admin")
    @APIResponse(responseCode = "409", description = "Another drill is still running (its id is in 'drillId'), or "
            + "another host of the vault holds the drills' lease (held-by-another-host, naming it in 'holderHostId')")
    @APIResponse(responseCode = "503", description = "Backups are not configured")
    public Response start(StartDrill body, UriInfo uri) {
        Integer sample = body == null ? null : body.sampleSize();
        if (sample != null && (sample < 1 || sample > MAX_SAMPLE)) {
            throw ProblemException.badRequest(ProblemType.INVALID_SAMPLE_SIZE,
                    "sampleSize must be between 1 and " + MAX_SAMPLE + ", not " + sample);
        }
        boolean reconcile = body != null && Boolean.TRUE.equals(body.reconcile());
        DrillView drill = drills.start("manual", Actor.of(identity),
                new DrillService.DrillRequest(sample, reconcile, body == null ? null : body.replica()));
        return JobResponses.accepted(uri, drill.id(), drill);
    }

    @GET
    @Operation(summary = "Recent restore drills, newest first")
    @APIResponse(responseCode = "200", description = "One page of drills")
    public List<DrillView> list(@QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("20") String size) {
        int pageSize = QueryParams.size(size, 200);
        List<DrillView> list = drills.recent(QueryParams.page(page, pageSize), pageSize);
        auditor.record(ComplianceAction.DRILL_LIST, "compliance/drills", Outcome.SUCCESS, Map.of("count", list.size()));
        return list;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One drill: state, progress (done of planned), results and every failure",
            description = "Reads while the drill runs (progress polls) are not audited; each user's first read of the "
                    + "finished drill is (docs/audit-format.md).")
    @APIResponse(responseCode = "200", description = "The drill, live while running")
    @APIResponse(responseCode = "404", description = "No such drill")
    public DrillView get(@PathParam("id") String id) {
        DrillView drill = drills.find(id).orElse(null);
        if (drill == null) {
            auditor.record(ComplianceAction.DRILL_VIEW, "compliance/drill/" + id, Outcome.REJECTED,
                    Map.of("reason", "not found"));
            throw ProblemException.notFound("No restore drill " + id);
        }
        if (reads.toRecord(identity.getPrincipal().getName(), "compliance/drill/" + id,
                !DrillState.RUNNING.stored().equals(drill.state()))) {
            auditor.record(ComplianceAction.DRILL_VIEW, "compliance/drill/" + id, Outcome.SUCCESS,
                    Map.of("state", drill.state()));
        }
        return drill;
    }

    @GET
    @Path("{id}/items")
    @Operation(summary = "Every document version a drill restored, with its outcome and duration; failures first")
    @APIResponse(responseCode = "200", description = "The items")
    @APIResponse(responseCode = "404", description = "No such drill")
    public List<DrillView.Item> items(@PathParam("id") String id) {
        if (drills.find(id).isEmpty()) {
            throw ProblemException.notFound("No restore drill " + id);
        }
        List<DrillView.Item> items = drills.items(id);
        auditor.record(ComplianceAction.DRILL_ITEMS, "compliance/drill/" + id, Outcome.SUCCESS, Map.of("count", items.size()));
        return items;
    }
}
