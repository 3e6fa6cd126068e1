package dev.strongroom.security;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Role changes that grant admin, waiting for a second admin: list, approve, reject, withdraw. */
@Path("/api/admin/role-changes")
@Tag(name = "Users")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class RoleChangeResource {

    private final UserService users;
    private final SecurityIdentity identity;

    public RoleChangeResource(UserService users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Role changes waiting for a second admin")
    @APIResponse(responseCode = "200", description = "The waiting role changes")
    public List<RoleChangeView> pending() {
        return users.pendingRoleChanges();
    }

    @POST
    @Path("{id}/approve")
    @Operation(summary = "Approve a waiting role change (a different admin than the requester)")
    @APIResponse(responseCode = "200", description = "The user with the new roles")
    @APIResponse(responseCode = "403", description = "The requester cannot approve their own request")
    @APIResponse(responseCode = "404", description = "No such waiting role change")
    @APIResponse(responseCode = "409", description = "Another admin decided it first")
    public UserView approve(@PathParam("id") String id) {
        return users.approveRoles(id, identity.getPrincipal().getName());
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject a waiting role change (a different admin than the requester), with a reason")
    @APIResponse(responseCode = "200", description = "The role change as decided")
    @APIResponse(responseCode = "400", description = "No reason, or one longer than 2000 characters")
    @APIResponse(responseCode = "403", description = "The requester withdraws instead")
    @APIResponse(responseCode = "404", description = "No such waiting role change")
    @APIResponse(responseCode = "409", description = "Another admin decided it first")
    public RoleChangeDecision reject(@PathParam("id") String id,
            @Valid @NotNull(message = "a JSON body {\"reason\": \"...\"} is required") Rejection rejection) {
        return users.rejectRoles(id, identity.getPrincipal().getName(), rejection.reason());
    }

    @POST
    @Path("{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Withdraw one's own waiting role change",
            description = "Only the requesting admin. An optional JSON body {\"reason\": \"...\"} says why.")
    @APIResponse(responseCode = "200", description = "The role change as withdrawn")
    @APIResponse(responseCode = "400", description = "A reason longer than 2000 characters")
    @APIResponse(responseCode = "403", description = "Only the requester may withdraw")
    @APIResponse(responseCode = "404", description = "No such waiting role change")
    @APIResponse(responseCode = "409", description = "Another admin decided it first")
    public RoleChangeDecision withdraw(@PathParam("id") String id, @Valid Withdrawal withdrawal) {
        return users.withdrawRoles(id, identity.getPrincipal().getName(),
                withdrawal == null ? null : withdrawal.reason());
    }
}
