package dev.strongroom.keys;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.security.Roles;
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
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Key custody for admins: the state, two-person rotation, and recovery of a missing key. */
@Path("/api/admin/keys")
@Tag(name = "Keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class KeyAdminResource {

    private final KeyCustody custody;
    private final KeyRotation rotation;
    private final Auditor auditor;
    private final SecurityIdentity identity;

    public KeyAdminResource(KeyCustody custody, KeyRotation rotation, Auditor auditor, SecurityIdentity identity) {
        this.custody = custody;
        this.rotation = rotation;
        this.auditor = auditor;
        this.identity = identity;
    }

    /** The custody state with the rotations waiting for a second admin. */
    public record KeyStatus(KeyCustody.Status custody, List<KeyRotation.RotationRequest> pendingRotations) {
    }

    /** Body of a rotation request. */
    public record RotationAsk(@NotNull(message = "is required") String reason) {
    }

    @GET
    @Operation(summary = "The signing key's state, its backup and history, and pending rotations",
            description = "state READY (signing) or MISSING (refusing to sign, with the problem); backup says whether "
                    + "the current key and history are in the bucket and how the key is encrypted there.")
    @APIResponse(responseCode = "200", description = "The key status")
    public KeyStatus status() {
        KeyCustody.Status status = custody.status();
        auditor.record(KeyAction.VIEW, "keys", Outcome.SUCCESS, Map.of("state", status.state().name()));
        return new KeyStatus(status, rotation.pending());
    }

    @POST
    @Path("rotations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a rotation of the signing key",
            description = "A different admin approves it via /api/admin/keys/rotations/{requestId}/approve. Also the "
                    + "way out when the key is lost for good. Old receipts and digests stay verifiable: the old key "
                    + "stays in the published history, retired at the moment of the rotation.")
    @APIResponse(responseCode = "202", description = "Requested, waiting for a second admin")
    @APIResponse(responseCode = "400", description = "No reason, or one shorter than 3 or longer than 2000 characters")
    @APIResponse(responseCode = "409", description = "Another rotation is already waiting (rotation-pending)")
    public Response request(@Valid @NotNull(message = "a JSON body {\"reason\": \"...\"} is required") RotationAsk ask) {
        return Response.accepted(rotation.request(identity.getPrincipal().getName(), ask.reason())).build();
    }

    @POST
    @Path("rotations/{requestId}/approve")
    @Operation(summary = "Approve a rotation: a new key signs from now on",
            description = "By an admin other than the requester. Written ahead in the audit journal "
                    + "(key.rotate.intent, then key.rotate); with a backup bucket the new key is backed up before it "
                    + "signs anything.")
    @APIResponse(responseCode = "200", description = "Rotated: the old and new key ids and the moment of the change")
    @APIResponse(responseCode = "403", description = "The requester cannot also approve (second-admin-required)")
    @APIResponse(responseCode = "404", description = "No such pending rotation")
    @APIResponse(responseCode = "503", description = "The new key could not be backed up; nothing changed (key-not-backed-up)")
    public KeyRotation.Rotated approve(@PathParam("requestId") String requestId) {
        return rotation.approve(requestId, identity.getPrincipal().getName());
    }

    @POST
    @Path("recover")
    @Operation(summary = "Look for a missing signing key again",
            description = "On the volume (after an operator put the key file back) and in the bucket's encrypted "
                    + "backup. Signing resumes when the key the history names is found; a new key is never made here.")
    @APIResponse(responseCode = "200", description = "The key status after the attempt (state READY or still MISSING)")
    public KeyCustody.Status recover() {
        return custody.recover();
    }
}
