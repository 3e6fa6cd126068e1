package dev.strongroom.retention;

import dev.strongroom.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Retention schedule, pending disposals and tombstones. */
@Path("/api")
@Tag(name = "Retention")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    private final RetentionService retention;
    private final RetentionPolicy policy;
    private final SecurityIdentity identity;

    public RetentionResource(RetentionService retention, RetentionPolicy policy, SecurityIdentity identity) {
        this.retention = retention;
        this.policy = policy;
        this.identity = identity;
    }

    @GET
    @Path("retention-classes")
    @RolesAllowed({ Roles.ANALYST, Roles.AUDITOR, Roles.OPS, Roles.ADMIN })
    @Operation(summary = "The retention schedule")
    @APIResponse(responseCode = "200", description = "Class name to period and description, and the default")
    public Map<String, Object> classes() {
        return Map.of("default", policy.defaultClass(), "classes", policy.classes());
    }

    @GET
    @Path("disposals")
    @RolesAllowed({ Roles.ADMIN, Roles.AUDITOR })
    @Operation(summary = "Disposal requests waiting for a second admin")
    @APIResponse(responseCode = "200", description = "Pending requests")
    public List<DisposalView> pending() {
        return retention.pending();
    }

    @POST
    @Path("disposals/{requestId}/approve")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Approve a disposal (a different admin than the requester)")
    @APIResponse(responseCode = "200", description = "Disposed; the tombstone")
    @APIResponse(responseCode = "403", description = "The requester cannot approve their own request")
    @APIResponse(responseCode = "404", description = "No such request")
    @APIResponse(responseCode = "409", description = "Retention has not ended, or the document is under legal hold")
    public Tombstone approve(@PathParam("requestId") String requestId) {
        return retention.approve(requestId, identity.getPrincipal().getName());
    }

    @GET
    @Path("tombstones")
    @RolesAllowed({ Roles.ADMIN, Roles.AUDITOR })
    @Operation(summary = "Disposed documents: hash, who, when and why")
    @APIResponse(responseCode = "200", description = "All tombstones")
    public List<Tombstone> tombstones() {
        return retention.tombstones();
    }
}
