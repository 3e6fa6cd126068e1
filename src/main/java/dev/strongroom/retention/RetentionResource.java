package dev.strongroom.retention;

import dev.strongroom.http.DecisionReasons.Rejection;
import dev.strongroom.http.DecisionReasons.Withdrawal;
import dev.strongroom.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

/** Retention schedule, pending disposals and their decisions, and tombstones. */
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
    @APIResponse(responseCode = "404", description = "No such pending request")
    @APIResponse(responseCode = "409", description = "Retention has not ended, the document is under legal hold "
            + "(a hold that committed first wins), or another admin decided the request first")
    public Tombstone approve(@PathParam("requestId") String requestId) {
        return retention.approve(requestId, identity.getPrincipal().getName());
    }

    @POST
    @Path("disposals/{requestId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Reject a disposal request (a different admin than the requester), with a reason",
            description = "The document stays; the request is no longer pending. The requester withdraws instead.")
    @APIResponse(responseCode = "200", description = "The request as decided")
    @APIResponse(responseCode = "400", description = "No reason, or one longer than 2000 characters")
    @APIResponse(responseCode = "403", description = "The requester cannot reject their own request")
    @APIResponse(responseCode = "404", description = "No such pending request")
    @APIResponse(responseCode = "409", description = "Another admin decided the request first")
    public DisposalDecision reject(@PathParam("requestId") String requestId,
            @Valid @NotNull(message = "a JSON body {\"reason\": \"...\"} is required") Rejection rejection) {
        return retention.reject(requestId, identity.getPrincipal().getName(), rejection.reason());
    }

    @POST
    @Path("disposals/{requestId}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Withdraw one's own disposal request", description = "Only the requesting admin. "
            + "An optional JSON body {\"reason\": \"...\"} says why.")
    @APIResponse(responseCode = "200", description = "The request as withdrawn")
    @APIResponse(responseCode = "400", description = "A reason longer than 2000 characters")
    @APIResponse(responseCode = "403", description = "Only the requester may withdraw a request")
    @APIResponse(responseCode = "404", description = "No such pending request")
    @APIResponse(responseCode = "409", description = "Another admin decided the request first")
    public DisposalDecision withdraw(@PathParam("requestId") String requestId, @Valid Withdrawal withdrawal) {
        return retention.withdraw(requestId, identity.getPrincipal().getName(),
                withdrawal == null ? null : withdrawal.reason());
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
