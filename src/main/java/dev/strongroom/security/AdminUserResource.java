package dev.strongroom.security;

import dev.strongroom.http.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/admin/users")
@Tag(name = "Users")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminUserResource {

    private final UserService users;
    private final SecurityIdentity identity;

    public AdminUserResource(UserService users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user", description = "Admins only. Roles: analyst, auditor, ops, admin.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid user name, password or roles")
    @APIResponse(responseCode = "409", description = "The user name is taken")
    public Response create(@Valid @NotNull(message = "a JSON body is required") NewUser request, UriInfo uri) {
        UserView created = users.create(request, identity.getPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(created.username()).build()).entity(created).build();
    }

    @GET
    @Operation(summary = "List users")
    @APIResponse(responseCode = "200", description = "All users, without password hashes")
    public List<UserView> list() {
        return users.list();
    }

    @POST
    @Path("{username}/disable")
    @Operation(summary = "Disable a user",
            description = "The user can no longer sign in; open browser sessions end at their next request. "
                    + "Admins cannot disable themselves.")
    @APIResponse(responseCode = "200", description = "The user, now disabled")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "An admin tried to disable their own account")
    public UserView disable(@PathParam("username") String username) {
        return users.disable(username, identity.getPrincipal().getName());
    }

    @POST
    @Path("{username}/enable")
    @Operation(summary = "Enable a disabled user again")
    @APIResponse(responseCode = "200", description = "The user, now enabled")
    @APIResponse(responseCode = "404", description = "No such user")
    public UserView enable(@PathParam("username") String username) {
        return users.enable(username);
    }

    @PUT
    @Path("{username}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give a user new roles",
            description = "Applies at once, unless the new roles grant admin to someone who is not one: that "
                    + "waits for a second admin (/api/admin/role-changes). Admins cannot change their own roles.")
    @APIResponse(responseCode = "200", description = "The user with the new roles")
    @APIResponse(responseCode = "202", description = "Granting admin: the change waits for a second admin")
    @APIResponse(responseCode = "400", description = "No roles, or an unknown one")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "An admin tried to change their own roles, or a role change "
            + "for this user already waits for a second admin")
    public Response changeRoles(@PathParam("username") String username,
            @Valid @NotNull(message = "a JSON body {\"roles\": [...]} is required") NewRoles request) {
        RoleChangeResult result = users.changeRoles(username, request.roles(), identity.getPrincipal().getName());
        return result.pending() == null ? Response.ok(result.user()).build()
                : Response.accepted(result.pending()).build();
    }

    @PUT
    @Path("{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reset a user's password",
            description = "The old password stops working at once, for HTTP Basic clients too.")
    @APIResponse(responseCode = "204", description = "Password replaced")
    @APIResponse(responseCode = "400", description = "The new password is not 12 to 256 characters")
    @APIResponse(responseCode = "404", description = "No such user")
    public Response resetPassword(@PathParam("username") String username,
            @Valid @NotNull(message = "a JSON body {\"password\": \"...\"} is required") PasswordReset request) {
        users.resetPassword(username, request.password());
        return Response.noContent().build();
    }
}
